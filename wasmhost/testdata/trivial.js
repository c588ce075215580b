// The smallest module worker: the benchmarks' measure of the runtime's own cost per request.
export default {
  fetch() {
    return new Response('ok');
  },
};
