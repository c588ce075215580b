// The host boundary's benchmark worker: a 64 KiB response body made the ways workers make
// them. ?kind=string (a string: crosses as the string), bytes (a Uint8Array), stream (a
// ReadableStream of four 16 KiB chunks: four SEND chunk calls).
const text = 'kitwasm <b>body</b> & more '.repeat(2427).slice(0, 65536);
const bytes = new TextEncoder().encode(text);
export default {
  fetch(request) {
    const kind = new URL(request.url).searchParams.get('kind');
    if (kind === 'bytes') return new Response(bytes.slice());
    if (kind === 'stream') {
      let i = 0;
      return new Response(new ReadableStream({
        pull(c) {
          if (i === 4) c.close();
          else c.enqueue(bytes.slice(i * 16384, ++i * 16384));
        },
      }));
    }
    return new Response(text);
  },
};
