package jsengine_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// joseAlgs are the JWS algorithms of the jose test: every one Web Crypto can do.
var joseAlgs = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", "HS256"}

// The Node side of TestJoseJWT: for each algorithm, a fresh key (pair), a JWT signed with it,
// and the keys exported as JWK, SPKI and PKCS #8 (JSON on stdout). With a "verify" argument it
// instead verifies the tokens of stdin's cases ({alg, jwk, token}) and prints the results.
const joseNodeScript = `
import * as jose from 'jose';
const algs = %s;
if (process.argv.includes('verify')) {
  const cases = JSON.parse(require_stdin());
  const out = [];
  for (const c of cases) {
    try {
      const { payload, protectedHeader } = await jose.jwtVerify(c.token, await jose.importJWK(c.jwk, c.alg), { issuer: 'kitwasm' });
      out.push(payload.sub === 'engine' && protectedHeader.alg === c.alg);
    } catch (e) { out.push(String(e)); }
  }
  console.log(JSON.stringify(out));
} else {
  const cases = [];
  for (const alg of algs) {
    let priv, pub;
    if (alg === 'HS256') priv = pub = await jose.generateSecret(alg, { extractable: true });
    else ({ privateKey: priv, publicKey: pub } = await jose.generateKeyPair(alg, { extractable: true }));
    const token = await new jose.SignJWT({ sub: 'user-1' }).setProtectedHeader({ alg }).setIssuedAt().setIssuer('node').setExpirationTime('1h').sign(priv);
    const asym = alg !== 'HS256';
    cases.push({ alg, token, jwk: await jose.exportJWK(pub), priv: await jose.exportJWK(priv),
      spki: asym ? await jose.exportSPKI(pub) : '', pkcs8: asym ? await jose.exportPKCS8(priv) : '' });
  }
  // One RS256 verification, through jose and through crypto.subtle alone, as the engine times it.
  const rs = cases[0];
  const key = await jose.importJWK(rs.jwk, 'RS256');
  const [h, p, s] = rs.token.split('.');
  const data = new TextEncoder().encode(h + '.' + p);
  const sig = jose.base64url.decode(s);
  const time = async (f, n = 500) => {
    for (let i = 0; i < 50; i++) await f();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await f();
    return (performance.now() - t0) * 1000 / n;
  };
  const joseMicros = await time(() => jose.jwtVerify(rs.token, key));
  const subtleMicros = await time(() => crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, sig, data));
  console.log(JSON.stringify({ cases, joseMicros, subtleMicros }));
}
function require_stdin() { return require('fs').readFileSync(0, 'utf8'); }
`

// The worker: verifies each Node-made JWT with the key imported from JWK and from SPKI, checks
// that a tampered token fails, and signs a JWT of its own with the private key (PKCS #8, or JWK
// for HS256). /bench?n=N&mode=jose|subtle verifies the RS256 token N times.
const joseWorker = `
import * as jose from %q;
const CASES = %s;
export default {
  async fetch(req) {
    const u = new URL(req.url);
    if (u.pathname === '/bench') {
      const rs = CASES[0];
      const key = await jose.importJWK(rs.jwk, 'RS256');
      const [h, p, s] = rs.token.split('.');
      const data = new TextEncoder().encode(h + '.' + p);
      const sig = jose.base64url.decode(s);
      const n = +u.searchParams.get('n');
      let ok = 0;
      for (let i = 0; i < n; i++) {
        if (u.searchParams.get('mode') === 'jose') ok += (await jose.jwtVerify(rs.token, key)).payload.sub === 'user-1';
        else ok += await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, sig, data);
      }
      return new Response(String(ok));
    }
    const out = [];
    for (const c of CASES) {
      const r = { alg: c.alg };
      const verify = async (key, token = c.token) => {
        try {
          const { payload, protectedHeader } = await jose.jwtVerify(token, key, { issuer: 'node' });
          return payload.sub === 'user-1' && protectedHeader.alg === c.alg;
        } catch (e) { return e.code || String(e); }
      };
      try {
        const key = await jose.importJWK(c.jwk, c.alg);
        r.jwk = await verify(key);
        const [h, p, s] = c.token.split('.');
        r.tampered = await verify(key, h + '.' + jose.base64url.encode(JSON.stringify({ sub: 'admin', iss: 'node' })) + '.' + s);
        r.spki = c.spki ? await verify(await jose.importSPKI(c.spki, c.alg)) : true;
        const signer = c.pkcs8 ? await jose.importPKCS8(c.pkcs8, c.alg) : await jose.importJWK(c.priv, c.alg);
        r.token = await new jose.SignJWT({ sub: 'engine' }).setProtectedHeader({ alg: c.alg }).setIssuer('kitwasm').sign(signer);
      } catch (e) { r.error = String(e) + ' ' + e.stack; }
      out.push(r);
    }
    return Response.json(out);
  },
};
`

type joseCase struct {
	Alg   string          `json:"alg"`
	Token string          `json:"token"`
	JWK   json.RawMessage `json:"jwk"`
	Priv  json.RawMessage `json:"priv"`
	SPKI  string          `json:"spki"`
	PKCS8 string          `json:"pkcs8"`
}

// TestJoseJWT: JWTs that Node 22 signs with jose, for every JWS algorithm Web Crypto offers,
// verify inside the engine through the same jose package bundled into a worker (keys imported
// as JWK and SPKI), tampered tokens fail, and the JWTs the engine signs verify in Node.
func TestJoseJWT(t *testing.T) {
	node, err := nodetest.Node()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(nodetest.RepoRoot(), "jsengine", "testdata", "jose")
	env := append(os.Environ(), "PATH="+filepath.Dir(node)+string(os.PathListSeparator)+os.Getenv("PATH"))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "jose", "package.json")); err != nil {
		npm := filepath.Join(filepath.Dir(node), "npm")
		if _, err := os.Stat(npm); err != nil {
			if npm, err = exec.LookPath("npm"); err != nil {
				t.Fatal("npm is needed to install jose (jsengine/testdata/jose); it comes with Node.js 22")
			}
		}
		cmd := exec.Command(npm, "ci", "--no-audit", "--no-fund")
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
		}
	}
	algs, _ := json.Marshal(joseAlgs)
	runNode := func(stdin string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command(node, append([]string{"--input-type=module", "-e", "import { createRequire } from 'module'; const require = createRequire(process.cwd() + '/'); " + fmt.Sprintf(joseNodeScript, algs)}, args...)...)
		cmd.Dir, cmd.Env = dir, env
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		return out
	}
	var made struct {
		Cases        []joseCase `json:"cases"`
		JoseMicros   float64    `json:"joseMicros"`
		SubtleMicros float64    `json:"subtleMicros"`
	}
	if err := json.Unmarshal(runNode(""), &made); err != nil {
		t.Fatal(err)
	}
	cases, _ := json.Marshal(made.Cases)
	entry := filepath.Join(dir, "node_modules", "jose", "dist", "webapi", "index.js")
	pool := testworker.Pool(t, testworker.Source(t, fmt.Sprintf(joseWorker, entry, cases)), wasmhost.PoolConfig{})

	rec := testworker.Get(t, pool, "http://w/")
	var got []struct {
		Alg      string `json:"alg"`
		JWK      any    `json:"jwk"`
		SPKI     any    `json:"spki"`
		Tampered any    `json:"tampered"`
		Token    string `json:"token"`
		Error    string `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got) != len(joseAlgs) {
		t.Fatalf("worker answered %d %s (%v)", rec.Status, rec.Body.String(), err)
	}
	var back []map[string]any
	for i, r := range got {
		if r.Error != "" || r.JWK != true || r.SPKI != true || r.Tampered != "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" {
			t.Errorf("%s: verify with JWK key %v, with SPKI key %v, tampered token %v, error %q", r.Alg, r.JWK, r.SPKI, r.Tampered, r.Error)
		}
		back = append(back, map[string]any{"alg": r.Alg, "token": r.Token, "jwk": made.Cases[i].JWK})
	}
	in, _ := json.Marshal(back)
	var verified []any
	if err := json.Unmarshal(runNode(string(in), "verify"), &verified); err != nil {
		t.Fatal(err)
	}
	for i, v := range verified {
		if v != true {
			t.Errorf("%s: Node does not verify the engine's JWT: %v", joseAlgs[i], v)
		}
	}

	// The time of one RS256 verification, next to Node's (reported, not asserted): the
	// difference between N verifications and none in one request, over N.
	const n = 200
	timeOf := func(mode string, n int) time.Duration {
		start := time.Now()
		rec := testworker.Get(t, pool, fmt.Sprintf("http://w/bench?mode=%s&n=%d", mode, n))
		if rec.Body.String() != fmt.Sprint(n) {
			t.Fatalf("bench %s: %d %s", mode, rec.Status, rec.Body.String())
		}
		return time.Since(start)
	}
	for _, mode := range []string{"subtle", "jose"} {
		timeOf(mode, 20)
		best := time.Duration(1 << 62)
		for range 3 {
			best = min(best, timeOf(mode, n)-timeOf(mode, 0))
		}
		nodeMicros := map[string]float64{"subtle": made.SubtleMicros, "jose": made.JoseMicros}[mode]
		per := float64(best.Microseconds()) / n
		t.Logf("one RS256 verification (%s): engine %.0f µs, Node 22 %.0f µs (%.1fx)", mode, per, nodeMicros, per/nodeMicros)
	}
}
