package adapter

// WriteCloudflare is writeCloudflare, for the wrangler tests (package adapter_test), which
// write a Cloudflare layout with other read() modes than the fixture's.
var WriteCloudflare = writeCloudflare
