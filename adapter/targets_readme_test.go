package adapter

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadmeTargetsTablesMatchTheModel keeps README.md's two tables of the Targets section
// (the platforms' limits, and what kitwasm serve --target enforces) equal to what
// adapter/targets.json says: edit the JSON, then paste LimitsTable() / EmulationTable()
// (the failure prints them) into the README.
func TestReadmeTargetsTablesMatchTheModel(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	for name, table := range map[string]string{"LimitsTable": LimitsTable(), "EmulationTable": EmulationTable()} {
		assert.True(t, strings.Contains(readme, table), "README.md lacks adapter.%s() as generated from adapter/targets.json; paste this in its place:\n%s", name, table)
	}
}
