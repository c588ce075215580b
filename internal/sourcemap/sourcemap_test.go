package sourcemap

import (
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A real esbuild bundle: every position of the marker identifiers maps back to where they
// stand in the sources.
func TestLookupAgainstEsbuild(t *testing.T) {
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   "import { f } from './lib.js';\nexport const g = () =>\n  f() + markerTwo;\n",
			Sourcefile: "main.js", ResolveDir: "/", Loader: api.LoaderJS,
		},
		Bundle: true, Format: api.FormatESModule, Sourcemap: api.SourceMapExternal, Outfile: "/out.js", Write: false,
		Plugins: []api.Plugin{{Name: "lib", Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: "lib"}, func(api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: "lib.js", Namespace: "mem"}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: "mem"}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
				src := "// lib\nexport function f() {\n  return markerOne;\n}\n"
				return api.OnLoadResult{Contents: &src}, nil
			})
		}}},
	})
	require.Empty(t, res.Errors)
	var code, mapJSON string
	for _, f := range res.OutputFiles {
		if len(f.Path) > 4 && f.Path[len(f.Path)-4:] == ".map" {
			mapJSON = string(f.Contents)
		} else {
			code = string(f.Contents)
		}
	}
	m, err := Parse([]byte(mapJSON))
	require.NoError(t, err)
	pos := func(ident string) (int, int) {
		i := strings.Index(code, ident)
		require.GreaterOrEqual(t, i, 0, ident)
		before := code[:i]
		return strings.Count(before, "\n") + 1, i - strings.LastIndexByte(before, '\n')
	}
	l, c := pos("markerOne")
	src, sl, sc, ok := m.Lookup(l, c)
	assert.True(t, ok)
	assert.Contains(t, src, "lib.js")
	assert.Equal(t, []int{3, 10}, []int{sl, sc})
	l, c = pos("markerTwo")
	src, sl, sc, ok = m.Lookup(l, c)
	assert.True(t, ok)
	assert.Contains(t, src, "main.js")
	assert.Equal(t, []int{3, 9}, []int{sl, sc})
	_, _, _, ok = m.Lookup(9999, 1)
	assert.False(t, ok)
}

func TestBadMaps(t *testing.T) {
	_, err := Parse([]byte(`{"version":2}`))
	assert.Error(t, err)
	_, err = Parse([]byte(`{"version":3,"sources":["a"],"mappings":"AA!A"}`))
	assert.Error(t, err)
	_, err = Parse([]byte(`{"version":3,"sources":["a"],"mappings":"g"}`))
	assert.Error(t, err)
}
