//go:build !unix

package cli

// lockFile does not lock where no flock exists: concurrent fastly builds then do their slow
// steps side by side (correct, only slower).
func lockFile(string) (func(), error) { return func() {}, nil }
