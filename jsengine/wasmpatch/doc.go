// Package wasmpatch rewrites the QuickJS Wasm module so that deep recursion
// cannot corrupt an isolate. (Documentation being written.)
package wasmpatch
