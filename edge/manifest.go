package edge

import "github.com/kitwasm/kitwasm/edge/assets"

// The build manifest lives in package assets (net/http-free, shared with the Fastly Compute
// entry); these names keep edge's API.
type (
	Manifest    = assets.Manifest
	Asset       = assets.Asset
	Route       = assets.Route
	ServerAsset = assets.ServerAsset
	// FastlyOptions is the adapter's fastly option.
	FastlyOptions = assets.FastlyOptions
)

// ManifestFile is the manifest's name inside a build directory.
const ManifestFile = assets.ManifestFile

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (*Manifest, error) { return assets.ReadManifest(dir) }
