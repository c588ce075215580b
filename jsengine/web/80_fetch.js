// fetch(): outbound requests through the host (wasmhost/loop.go 'fetch'), which applies the
// fetch policy: the app's own origin in-process, other hosts only when allowed.
//
// A request body that is a stream is streamed to the host chunk by chunk (each write waits
// until the request has taken the chunk), as undici and workerd do; a body known in full
// (string, bytes, Blob, FormData, URLSearchParams) goes with the request and its length. The
// response body streams as the worker reads it. Aborting the signal rejects with its reason
// and cancels both.

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

function abortable(promise, signal) {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

// hostBodyStream is a byte stream over a host handle (a fetched body or a server asset): each
// pull is one 'fetch.read'; the handle is closed at the end, on cancel, or when signal aborts.
function hostBodyStream(handle, signal) {
  let done = false;
  const close = () => { if (!done) { done = true; __kw.hostSend('fetch.cancel', { handle }); } };
  if (signal) signal.addEventListener('abort', close, { once: true });
  return __kw.createPullStream(async () => {
    if (done) return null;
    const chunk = await abortable(__kw.hostAsync('fetch.read', { handle }), signal);
    if (chunk.value && chunk.value.end) { close(); return null; }
    return new Uint8Array(chunk.bytes || new ArrayBuffer(0));
  }, close);
}

// pumpUpload copies a request body stream into an upload, one chunk at a time. A failing
// source fails the upload (and so the fetch); a failing upload (the request ended or was
// refused) cancels the source.
async function pumpUpload(handle, stream, signal) {
  const reader = stream.getReader();
  let closed = false;
  const close = (error) => {
    if (closed) return;
    closed = true;
    __kw.hostSend('upload.close', error === undefined ? { handle } : { handle, error });
  };
  const onAbort = () => {
    close('The operation was aborted.');
    reader.cancel(signal.reason).catch(() => {});
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) {
        throw new TypeError('A request body stream must produce Uint8Array chunks.');
      }
      if (value.byteLength === 0) continue;
      await __kw.hostAsync('upload.write', { handle }, __kw.toArrayBuffer(value));
    }
    close();
  } catch (err) {
    close(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    reader.cancel(err).catch(() => {});
  } finally {
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

async function fetch(input, init = undefined) {
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal.aborted) throw signal.reason;
  const parts = __kw.requestToHost(request);
  const head = { method: parts.method, url: parts.url, headers: parts.headers, redirect: parts.redirect };
  let payload;
  if (parts.body) {
    head.upload = __kw.hostSend('upload.open', {});
    pumpUpload(head.upload, parts.body, signal);
  } else if (parts.bytes) {
    payload = __kw.toArrayBuffer(parts.bytes);
  }
  const { value } = await abortable(__kw.hostAsync('fetch', head, payload), signal);
  let body = null;
  if (parts.method === 'HEAD' || NULL_BODY_STATUS.has(value.status)) {
    __kw.hostSend('fetch.cancel', { handle: value.handle });
  } else {
    body = hostBodyStream(value.handle, signal);
  }
  return __kw.responseFromHost({
    status: value.status, statusText: value.statusText, headers: value.headers, body,
    url: value.url, redirected: value.redirected,
  });
}

__kw.defineGlobal('fetch', fetch);

// The platform API for adapters (adapter/files/entry.js): read() of $app/server opens server
// assets of the build through the host. Resolves to a ReadableStream, or null if there is no
// such file.
Object.defineProperty(globalThis, '__kitwasm', {
  value: Object.freeze({
    version: __kw.version,
    async readAsset(file) {
      const handle = __kw.hostSend('asset.open', { url: String(file) });
      return handle ? hostBodyStream(handle) : null;
    },
  }),
  writable: false, enumerable: false, configurable: false,
});
