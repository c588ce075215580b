// error.stack in V8's shape (first line "Name: message", then "    at" frames), which code
// that logs errors relies on, compared with Node 22.
import { check } from './harness.mjs';

check('errors/stack first line', () => {
  class MyError extends Error {}
  const custom = new MyError('mine');
  return [
    new Error('plain').stack.split('\n')[0],
    new TypeError('typed').stack.split('\n')[0],
    new RangeError('').stack.split('\n')[0],
    custom.stack.split('\n')[0],
    new Error('multi\nline').stack.split('\n').slice(0, 2),
  ];
});

check('errors/stack computed lazily', () => {
  const renamed = new Error('renamed');
  renamed.name = 'Renamed'; // before the first read of .stack
  return renamed.stack.split('\n')[0];
});

check('errors/stack frames', () => {
  function named() { return new Error('x'); }
  const lines = named().stack.split('\n');
  return [lines.length > 1, /^ {4}at named \(/.test(lines[1])];
});

check('errors/captureStackTrace', () => {
  const o = {};
  Error.captureStackTrace(o);
  return [typeof o.stack, o.stack.split('\n')[0]];
});
