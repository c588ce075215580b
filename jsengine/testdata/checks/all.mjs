// Every check module; add a line when adding a file.
import './encoding.mjs';
import './dom.mjs';
import './abort.mjs';
import './url.mjs';
import './crypto.mjs';
import './clone.mjs';
