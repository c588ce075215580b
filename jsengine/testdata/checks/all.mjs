// Every check module; add a line when adding a file.
import './encoding.mjs';
import './dom.mjs';
import './abort.mjs';
import './url.mjs';
import './blob.mjs';
import './headers.mjs';
import './formdata.mjs';
import './crypto.mjs';
import './clone.mjs';
import './body.mjs';
import './intl.mjs';
import './request.mjs';
import './response.mjs';
import './streams.mjs';
import './globals.mjs';
import './timers.mjs';
import './errors.mjs';
