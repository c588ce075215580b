package wasmhost

import (
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"hash"
	"math/big"
	"strconv"
	"strings"
)

// The "crypto" service: the asymmetric and symmetric algorithms of Web Crypto
// (jsengine/web/60_crypto.js) over the Go standard library. It is stateless: JavaScript keeps
// each CryptoKey's material in the key's internal slot in a canonical form (PKCS #8 DER for
// private keys, SPKI DER for public keys, the raw bytes of secret keys) and passes it with every
// call, so key material lives only in the isolate that owns the key.
//
// args is {"op": ..., ...} with the operation's parameters; the payload packs the byte strings
// an operation needs (each a 4-byte big-endian length and the bytes, see unpack). Results are
// bytes, a packed list of byte strings, or a JSON string (JWK export).
func init() { RegisterService("crypto", cryptoService) }

type cryptoArgs struct {
	Op         string            `json:"op"`
	Alg        string            `json:"alg"`  // Web Crypto algorithm name
	Kind       string            `json:"kind"` // key family: RSA, EC, OKP, oct
	Curve      string            `json:"curve"`
	Hash       string            `json:"hash"`
	Format     string            `json:"format"`
	Type       string            `json:"type"` // "public" or "private"
	JWK        map[string]string `json:"jwk"`
	Bits       int               `json:"bits"`     // modulusLength, AES length, derived length
	Exponent   int               `json:"exponent"` // RSA public exponent
	SaltLength int               `json:"saltLength"`
	TagLength  int               `json:"tagLength"`
	Iterations int               `json:"iterations"`
	CtrLength  int               `json:"ctrLength"`
}

func cryptoErr(name, msg string) error { return &ServiceError{Name: name, Message: msg} }

func cryptoService(args string, payload []byte) (any, error) {
	var a cryptoArgs
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		return nil, cryptoErr("TypeError", "bad crypto arguments")
	}
	parts, err := unpack(payload)
	if err != nil {
		return nil, err
	}
	need := func(n int) error {
		if len(parts) < n {
			return cryptoErr("TypeError", "crypto "+a.Op+": missing input")
		}
		return nil
	}
	switch a.Op {
	case "import":
		return importKey(&a, parts)
	case "export":
		if err := need(1); err != nil {
			return nil, err
		}
		return exportKey(&a, parts[0])
	case "generate":
		return generateKey(&a)
	case "sign":
		if err := need(2); err != nil {
			return nil, err
		}
		return sign(&a, parts[0], parts[1])
	case "verify":
		if err := need(3); err != nil {
			return nil, err
		}
		ok, err := verify(&a, parts[0], parts[1], parts[2])
		if err != nil {
			return nil, err
		}
		if ok {
			return "1", nil
		}
		return "", nil
	case "encrypt", "decrypt":
		if err := need(2); err != nil {
			return nil, err
		}
		for len(parts) < 4 {
			parts = append(parts, nil)
		}
		return cipherOp(&a, a.Op == "encrypt", parts[0], parts[1], parts[2], parts[3])
	case "derive":
		if err := need(3); err != nil {
			return nil, err
		}
		return derive(&a, parts[0], parts[1], parts[2])
	}
	return nil, cryptoErr("NotSupportedError", "unknown crypto operation "+a.Op)
}

// unpack splits a payload of length-prefixed byte strings.
func unpack(p []byte) ([][]byte, error) {
	var out [][]byte
	for len(p) > 0 {
		if len(p) < 4 {
			return nil, cryptoErr("TypeError", "bad crypto payload")
		}
		n := binary.BigEndian.Uint32(p)
		p = p[4:]
		if uint64(n) > uint64(len(p)) {
			return nil, cryptoErr("TypeError", "bad crypto payload")
		}
		out = append(out, p[:n:n])
		p = p[n:]
	}
	return out, nil
}

func pack(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += 4 + len(p)
	}
	out := make([]byte, 0, n)
	for _, p := range parts {
		out = binary.BigEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
	}
	return out
}

func hashOf(name string) (crypto.Hash, func() hash.Hash, error) {
	switch name {
	case "SHA-1":
		return crypto.SHA1, sha1.New, nil
	case "SHA-256":
		return crypto.SHA256, sha256.New, nil
	case "SHA-384":
		return crypto.SHA384, sha512.New384, nil
	case "SHA-512":
		return crypto.SHA512, sha512.New, nil
	}
	return 0, nil, cryptoErr("NotSupportedError", "Unrecognized hash "+name)
}

func digest(name string, data []byte) (crypto.Hash, []byte, error) {
	h, newH, err := hashOf(name)
	if err != nil {
		return 0, nil, err
	}
	d := newH()
	d.Write(data)
	return h, d.Sum(nil), nil
}

func curveOf(name string) (elliptic.Curve, ecdh.Curve, error) {
	switch name {
	case "P-256":
		return elliptic.P256(), ecdh.P256(), nil
	case "P-384":
		return elliptic.P384(), ecdh.P384(), nil
	case "P-521":
		return elliptic.P521(), ecdh.P521(), nil
	}
	return nil, nil, cryptoErr("NotSupportedError", "Unrecognized namedCurve "+name)
}

// parseKey reads a key's canonical form: PKCS #8 for private keys, SPKI for public keys.
func parseKey(typ string, der []byte) (any, error) {
	var k any
	var err error
	if typ == "private" {
		k, err = x509.ParsePKCS8PrivateKey(der)
	} else {
		k, err = x509.ParsePKIXPublicKey(der)
	}
	if err != nil {
		return nil, cryptoErr("DataError", "Invalid keyData")
	}
	return k, nil
}

// keyInfo is what JavaScript needs to describe an imported or generated key.
type keyInfo struct {
	Type     string `json:"type"`
	Bits     int    `json:"bits,omitempty"`
	Exponent string `json:"exponent,omitempty"` // base64 big-endian
	Curve    string `json:"curve,omitempty"`
}

func curveName(c elliptic.Curve) string { return c.Params().Name }

// checkKind verifies that k is a key of the family and curve JavaScript asked for, and
// describes it.
func checkKind(a *cryptoArgs, k any) (keyInfo, error) {
	bad := cryptoErr("DataError", "Invalid key type")
	switch k := k.(type) {
	case *rsa.PrivateKey:
		if a.Kind != "RSA" {
			return keyInfo{}, bad
		}
		return rsaInfo("private", &k.PublicKey), nil
	case *rsa.PublicKey:
		if a.Kind != "RSA" {
			return keyInfo{}, bad
		}
		return rsaInfo("public", k), nil
	case *ecdsa.PrivateKey:
		return ecInfo(a, "private", k.Curve)
	case *ecdsa.PublicKey:
		return ecInfo(a, "public", k.Curve)
	case ed25519.PrivateKey:
		return okpInfo(a, "private", "Ed25519")
	case ed25519.PublicKey:
		return okpInfo(a, "public", "Ed25519")
	case *ecdh.PrivateKey:
		if k.Curve() != ecdh.X25519() {
			return keyInfo{}, bad
		}
		return okpInfo(a, "private", "X25519")
	case *ecdh.PublicKey:
		if k.Curve() != ecdh.X25519() {
			return keyInfo{}, bad
		}
		return okpInfo(a, "public", "X25519")
	}
	return keyInfo{}, bad
}

func rsaInfo(typ string, k *rsa.PublicKey) keyInfo {
	return keyInfo{Type: typ, Bits: k.N.BitLen(), Exponent: base64.StdEncoding.EncodeToString(big.NewInt(int64(k.E)).Bytes())}
}

func ecInfo(a *cryptoArgs, typ string, c elliptic.Curve) (keyInfo, error) {
	if a.Kind != "EC" {
		return keyInfo{}, cryptoErr("DataError", "Invalid key type")
	}
	if curveName(c) != a.Curve {
		return keyInfo{}, cryptoErr("DataError", "Named curve mismatch")
	}
	return keyInfo{Type: typ, Curve: a.Curve}, nil
}

func okpInfo(a *cryptoArgs, typ, curve string) (keyInfo, error) {
	if a.Kind != "OKP" || a.Curve != curve {
		return keyInfo{}, cryptoErr("DataError", "Invalid key type")
	}
	return keyInfo{Type: typ, Curve: curve}, nil
}

// canonical marshals a parsed key to its canonical form.
func canonical(k any, typ string) ([]byte, error) {
	var der []byte
	var err error
	if typ == "private" {
		der, err = x509.MarshalPKCS8PrivateKey(k)
	} else {
		der, err = x509.MarshalPKIXPublicKey(k)
	}
	if err != nil {
		return nil, cryptoErr("DataError", "Invalid keyData")
	}
	return der, nil
}

func keyResult(info keyInfo, der []byte) ([]byte, error) {
	meta, _ := json.Marshal(info)
	return pack(meta, der), nil
}

// importKey answers pack(JSON keyInfo, canonical key).
func importKey(a *cryptoArgs, parts [][]byte) (any, error) {
	var data []byte
	if len(parts) > 0 {
		data = parts[0]
	}
	var k any
	var typ string
	var err error
	switch a.Format {
	case "pkcs8":
		typ = "private"
		k, err = parseKey(typ, data)
	case "spki":
		typ = "public"
		k, err = parseKey(typ, data)
	case "raw":
		typ = "public"
		k, err = rawPublic(a, data)
	case "jwk":
		k, typ, err = jwkKey(a)
	default:
		return nil, cryptoErr("NotSupportedError", "Unsupported key format "+a.Format)
	}
	if err != nil {
		return nil, err
	}
	info, err := checkKind(a, k)
	if err != nil {
		return nil, err
	}
	der, err := canonical(k, typ)
	if err != nil {
		return nil, err
	}
	return keyResult(info, der)
}

func rawPublic(a *cryptoArgs, data []byte) (any, error) {
	bad := cryptoErr("DataError", "Invalid keyData")
	switch a.Kind {
	case "EC":
		c, _, err := curveOf(a.Curve)
		if err != nil {
			return nil, err
		}
		if len(data) > 0 && (data[0] == 2 || data[0] == 3) {
			x, y := elliptic.UnmarshalCompressed(c, data)
			if x == nil {
				return nil, bad
			}
			data = elliptic.Marshal(c, x, y) //nolint:staticcheck // compressed points have no other decoder
		}
		k, err := ecdsa.ParseUncompressedPublicKey(c, data)
		if err != nil {
			return nil, bad
		}
		return k, nil
	case "OKP":
		if a.Curve == "Ed25519" {
			if len(data) != ed25519.PublicKeySize {
				return nil, bad
			}
			return ed25519.PublicKey(append([]byte(nil), data...)), nil
		}
		k, err := ecdh.X25519().NewPublicKey(data)
		if err != nil {
			return nil, bad
		}
		return k, nil
	}
	return nil, cryptoErr("NotSupportedError", "Unsupported key format raw")
}

func b64(s string) ([]byte, error) {
	s = strings.TrimRight(s, "=")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, cryptoErr("DataError", "Invalid JWK base64url value")
	}
	return b, nil
}

// jwkKey builds a key from the JWK members in a.JWK (strings only).
func jwkKey(a *cryptoArgs) (any, string, error) {
	j := a.JWK
	get := func(name string) ([]byte, error) {
		v, ok := j[name]
		if !ok {
			return nil, cryptoErr("DataError", "Invalid keyData: missing JWK member "+name)
		}
		return b64(v)
	}
	_, private := j["d"]
	typ := "public"
	if private {
		typ = "private"
	}
	switch a.Kind {
	case "RSA":
		if j["kty"] != "RSA" {
			return nil, "", cryptoErr("DataError", "Invalid JWK \"kty\" Parameter")
		}
		n, err := get("n")
		if err != nil {
			return nil, "", err
		}
		e, err := get("e")
		if err != nil {
			return nil, "", err
		}
		ei := new(big.Int).SetBytes(e)
		if len(n) == 0 || !ei.IsInt64() || ei.Int64() < 3 || ei.Int64() > 1<<31-1 {
			return nil, "", cryptoErr("DataError", "Invalid keyData")
		}
		pub := rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(ei.Int64())}
		if !private {
			return &pub, typ, nil
		}
		var vals [6]*big.Int
		for i, name := range []string{"d", "p", "q", "dp", "dq", "qi"} {
			b, err := get(name)
			if err != nil {
				return nil, "", err
			}
			vals[i] = new(big.Int).SetBytes(b)
		}
		k := &rsa.PrivateKey{PublicKey: pub, D: vals[0], Primes: []*big.Int{vals[1], vals[2]}}
		k.Precomputed.Dp, k.Precomputed.Dq, k.Precomputed.Qinv = vals[3], vals[4], vals[5]
		if err := k.Validate(); err != nil {
			return nil, "", cryptoErr("DataError", "Invalid keyData")
		}
		k.Precompute()
		return k, typ, nil
	case "EC":
		if j["kty"] != "EC" {
			return nil, "", cryptoErr("DataError", "Invalid JWK \"kty\" Parameter")
		}
		if j["crv"] != a.Curve {
			return nil, "", cryptoErr("DataError", "JWK \"crv\" does not match the requested algorithm")
		}
		c, _, err := curveOf(a.Curve)
		if err != nil {
			return nil, "", err
		}
		x, err := get("x")
		if err != nil {
			return nil, "", err
		}
		y, err := get("y")
		if err != nil {
			return nil, "", err
		}
		size := (c.Params().BitSize + 7) / 8
		if len(x) != size || len(y) != size {
			return nil, "", cryptoErr("DataError", "Invalid keyData")
		}
		pub, err := ecdsa.ParseUncompressedPublicKey(c, append(append([]byte{4}, x...), y...))
		if err != nil {
			return nil, "", cryptoErr("DataError", "Invalid keyData")
		}
		if !private {
			return pub, typ, nil
		}
		d, err := get("d")
		if err != nil {
			return nil, "", err
		}
		k, err := ecdsa.ParseRawPrivateKey(c, d)
		if err != nil || !k.PublicKey.Equal(pub) {
			return nil, "", cryptoErr("DataError", "Invalid keyData")
		}
		return k, typ, nil
	case "OKP":
		if j["kty"] != "OKP" {
			return nil, "", cryptoErr("DataError", "Invalid JWK \"kty\" Parameter")
		}
		if j["crv"] != a.Curve {
			return nil, "", cryptoErr("DataError", "JWK \"crv\" Parameter and algorithm name mismatch")
		}
		x, err := get("x")
		if err != nil {
			return nil, "", err
		}
		pub, err := rawPublic(a, x)
		if err != nil {
			return nil, "", err
		}
		if !private {
			return pub, typ, nil
		}
		d, err := get("d")
		if err != nil {
			return nil, "", err
		}
		if a.Curve == "Ed25519" {
			if len(d) != ed25519.SeedSize {
				return nil, "", cryptoErr("DataError", "Invalid keyData")
			}
			k := ed25519.NewKeyFromSeed(d)
			if !k.Public().(ed25519.PublicKey).Equal(pub) {
				return nil, "", cryptoErr("DataError", "Invalid keyData")
			}
			return k, typ, nil
		}
		k, err := ecdh.X25519().NewPrivateKey(d)
		if err != nil || !k.PublicKey().Equal(pub) {
			return nil, "", cryptoErr("DataError", "Invalid keyData")
		}
		return k, typ, nil
	}
	return nil, "", cryptoErr("NotSupportedError", "Unsupported key format jwk")
}

func exportKey(a *cryptoArgs, der []byte) (any, error) {
	switch a.Format {
	case "pkcs8":
		if a.Type != "private" {
			return nil, cryptoErr("NotSupportedError", "Unable to export a public key as pkcs8")
		}
		return der, nil
	case "spki":
		if a.Type != "public" {
			return nil, cryptoErr("NotSupportedError", "Unable to export a private key as spki")
		}
		return der, nil
	}
	k, err := parseKey(a.Type, der)
	if err != nil {
		return nil, err
	}
	switch a.Format {
	case "raw":
		switch k := k.(type) {
		case *ecdsa.PublicKey:
			b, err := k.Bytes()
			if err != nil {
				return nil, cryptoErr("OperationError", err.Error())
			}
			return b, nil
		case ed25519.PublicKey:
			return []byte(k), nil
		case *ecdh.PublicKey:
			return k.Bytes(), nil
		}
		return nil, cryptoErr("NotSupportedError", "Unable to export this key as raw")
	case "jwk":
		return jwkOf(k)
	}
	return nil, cryptoErr("NotSupportedError", "Unsupported key format "+a.Format)
}

// jwkOf answers the key-type members of a JWK, in Node's order, as JSON.
func jwkOf(k any) (string, error) {
	var names, vals []string
	add := func(name string, b []byte) {
		names = append(names, name)
		vals = append(vals, base64.RawURLEncoding.EncodeToString(b))
	}
	addS := func(name, v string) { names = append(names, name); vals = append(vals, v) }
	ecMembers := func(pub *ecdsa.PublicKey) {
		b, _ := pub.Bytes()
		size := (len(b) - 1) / 2
		addS("kty", "EC")
		add("x", b[1:1+size])
		add("y", b[1+size:])
		addS("crv", curveName(pub.Curve))
	}
	switch k := k.(type) {
	case *rsa.PublicKey:
		addS("kty", "RSA")
		add("n", k.N.Bytes())
		add("e", big.NewInt(int64(k.E)).Bytes())
	case *rsa.PrivateKey:
		k.Precompute()
		addS("kty", "RSA")
		add("n", k.N.Bytes())
		add("e", big.NewInt(int64(k.E)).Bytes())
		add("d", k.D.Bytes())
		add("p", k.Primes[0].Bytes())
		add("q", k.Primes[1].Bytes())
		add("dp", k.Precomputed.Dp.Bytes())
		add("dq", k.Precomputed.Dq.Bytes())
		add("qi", k.Precomputed.Qinv.Bytes())
	case *ecdsa.PublicKey:
		ecMembers(k)
	case *ecdsa.PrivateKey:
		ecMembers(&k.PublicKey)
		d, _ := k.Bytes()
		add("d", d)
	case ed25519.PublicKey:
		addS("crv", "Ed25519")
		add("x", k)
		addS("kty", "OKP")
	case ed25519.PrivateKey:
		addS("crv", "Ed25519")
		add("d", k.Seed())
		add("x", k.Public().(ed25519.PublicKey))
		addS("kty", "OKP")
	case *ecdh.PublicKey:
		addS("crv", "X25519")
		add("x", k.Bytes())
		addS("kty", "OKP")
	case *ecdh.PrivateKey:
		addS("crv", "X25519")
		add("d", k.Bytes())
		add("x", k.PublicKey().Bytes())
		addS("kty", "OKP")
	default:
		return "", cryptoErr("NotSupportedError", "Unsupported key type")
	}
	var sb strings.Builder
	sb.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Quote(n) + ":" + strconv.Quote(vals[i]))
	}
	sb.WriteByte('}')
	return sb.String(), nil
}

// generateKey answers pack(JSON keyInfo, private PKCS #8, public SPKI).
func generateKey(a *cryptoArgs) (any, error) {
	var priv, pub any
	switch a.Kind {
	case "RSA":
		if a.Exponent != 65537 {
			return nil, cryptoErr("OperationError", "Unsupported public exponent (only 65537)")
		}
		if a.Bits < 1024 || a.Bits > 16384 || a.Bits%8 != 0 {
			return nil, cryptoErr("OperationError", "Unsupported modulusLength")
		}
		k, err := rsa.GenerateKey(rand.Reader, a.Bits)
		if err != nil {
			return nil, cryptoErr("OperationError", err.Error())
		}
		priv, pub = k, &k.PublicKey
	case "EC":
		c, _, err := curveOf(a.Curve)
		if err != nil {
			return nil, err
		}
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			return nil, cryptoErr("OperationError", err.Error())
		}
		priv, pub = k, &k.PublicKey
	case "OKP":
		if a.Curve == "Ed25519" {
			p, k, err := ed25519.GenerateKey(rand.Reader)
			if err != nil {
				return nil, cryptoErr("OperationError", err.Error())
			}
			priv, pub = k, p
		} else {
			k, err := ecdh.X25519().GenerateKey(rand.Reader)
			if err != nil {
				return nil, cryptoErr("OperationError", err.Error())
			}
			priv, pub = k, k.PublicKey()
		}
	default:
		return nil, cryptoErr("NotSupportedError", "Unsupported key type")
	}
	info, err := checkKind(a, priv)
	if err != nil {
		return nil, err
	}
	privDER, err := canonical(priv, "private")
	if err != nil {
		return nil, err
	}
	pubDER, err := canonical(pub, "public")
	if err != nil {
		return nil, err
	}
	meta, _ := json.Marshal(info)
	return pack(meta, privDER, pubDER), nil
}

type ecSig struct{ R, S *big.Int }

func sign(a *cryptoArgs, der, data []byte) (any, error) {
	k, err := parseKey("private", der)
	if err != nil {
		return nil, err
	}
	opErr := func(err error) error { return cryptoErr("OperationError", err.Error()) }
	switch k := k.(type) {
	case *rsa.PrivateKey:
		h, d, err := digest(a.Hash, data)
		if err != nil {
			return nil, err
		}
		var sig []byte
		if a.Alg == "RSA-PSS" {
			if a.SaltLength == 0 {
				return nil, cryptoErr("NotSupportedError", "RSA-PSS saltLength 0 is not supported")
			}
			sig, err = rsa.SignPSS(rand.Reader, k, h, d, &rsa.PSSOptions{SaltLength: a.SaltLength, Hash: h})
		} else {
			sig, err = rsa.SignPKCS1v15(nil, k, h, d)
		}
		if err != nil {
			return nil, opErr(err)
		}
		return sig, nil
	case *ecdsa.PrivateKey:
		_, d, err := digest(a.Hash, data)
		if err != nil {
			return nil, err
		}
		asn, err := ecdsa.SignASN1(rand.Reader, k, d)
		if err != nil {
			return nil, opErr(err)
		}
		var s ecSig
		if _, err := asn1.Unmarshal(asn, &s); err != nil {
			return nil, opErr(err)
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		out := make([]byte, 2*size)
		s.R.FillBytes(out[:size])
		s.S.FillBytes(out[size:])
		return out, nil
	case ed25519.PrivateKey:
		return ed25519.Sign(k, data), nil
	}
	return nil, cryptoErr("InvalidAccessError", "The key can not sign")
}

func verify(a *cryptoArgs, der, sig, data []byte) (bool, error) {
	k, err := parseKey("public", der)
	if err != nil {
		return false, err
	}
	switch k := k.(type) {
	case *rsa.PublicKey:
		h, d, err := digest(a.Hash, data)
		if err != nil {
			return false, err
		}
		if a.Alg == "RSA-PSS" {
			if a.SaltLength == 0 {
				return false, cryptoErr("NotSupportedError", "RSA-PSS saltLength 0 is not supported")
			}
			return rsa.VerifyPSS(k, h, d, sig, &rsa.PSSOptions{SaltLength: a.SaltLength, Hash: h}) == nil, nil
		}
		return rsa.VerifyPKCS1v15(k, h, d, sig) == nil, nil
	case *ecdsa.PublicKey:
		_, d, err := digest(a.Hash, data)
		if err != nil {
			return false, err
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return false, nil
		}
		r, s := new(big.Int).SetBytes(sig[:size]), new(big.Int).SetBytes(sig[size:])
		return ecdsa.Verify(k, d, r, s), nil
	case ed25519.PublicKey:
		return len(sig) == ed25519.SignatureSize && ed25519.Verify(k, data, sig), nil
	}
	return false, cryptoErr("InvalidAccessError", "The key can not verify")
}

// cipherOp encrypts or decrypts data with key; iv is the IV, counter or nonce, extra the
// additional data (AES-GCM) or label (RSA-OAEP).
func cipherOp(a *cryptoArgs, enc bool, key, data, iv, extra []byte) (any, error) {
	opErr := cryptoErr("OperationError", "The operation failed for an operation-specific reason")
	if a.Alg == "RSA-OAEP" {
		h, _, err := hashOf(a.Hash)
		if err != nil {
			return nil, err
		}
		if enc {
			k, err := parseKey("public", key)
			if err != nil {
				return nil, err
			}
			pub, ok := k.(*rsa.PublicKey)
			if !ok {
				return nil, cryptoErr("InvalidAccessError", "Invalid key")
			}
			out, err := rsa.EncryptOAEP(h.New(), rand.Reader, pub, data, extra)
			if err != nil {
				return nil, opErr
			}
			return out, nil
		}
		k, err := parseKey("private", key)
		if err != nil {
			return nil, err
		}
		priv, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, cryptoErr("InvalidAccessError", "Invalid key")
		}
		out, err := rsa.DecryptOAEP(h.New(), nil, priv, data, extra)
		if err != nil {
			return nil, opErr
		}
		return out, nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, cryptoErr("DataError", "Invalid key length")
	}
	switch a.Alg {
	case "AES-GCM":
		var g cipher.AEAD
		tag := a.TagLength / 8
		switch {
		case len(iv) == 12:
			g, err = cipher.NewGCMWithTagSize(block, tag)
		case tag == 16 && len(iv) > 0:
			g, err = cipher.NewGCMWithNonceSize(block, len(iv))
		default:
			return nil, cryptoErr("NotSupportedError", "AES-GCM with this iv length and tagLength is not supported")
		}
		if err != nil {
			return nil, cryptoErr("NotSupportedError", "AES-GCM tagLength "+strconv.Itoa(a.TagLength)+" is not supported")
		}
		if enc {
			return g.Seal(nil, iv, data, extra), nil
		}
		if len(data) < tag {
			return nil, opErr
		}
		out, err := g.Open(nil, iv, data, extra)
		if err != nil {
			return nil, opErr
		}
		if out == nil {
			out = []byte{}
		}
		return out, nil
	case "AES-CBC":
		if len(iv) != aes.BlockSize {
			return nil, cryptoErr("OperationError", "algorithm.iv must contain exactly 16 bytes")
		}
		if enc {
			pad := aes.BlockSize - len(data)%aes.BlockSize
			buf := make([]byte, len(data)+pad)
			copy(buf, data)
			for i := len(data); i < len(buf); i++ {
				buf[i] = byte(pad)
			}
			cipher.NewCBCEncrypter(block, iv).CryptBlocks(buf, buf)
			return buf, nil
		}
		if len(data) == 0 || len(data)%aes.BlockSize != 0 {
			return nil, opErr
		}
		buf := make([]byte, len(data))
		cipher.NewCBCDecrypter(block, iv).CryptBlocks(buf, data)
		pad := int(buf[len(buf)-1])
		if pad == 0 || pad > aes.BlockSize {
			return nil, opErr
		}
		for _, b := range buf[len(buf)-pad:] {
			if int(b) != pad {
				return nil, opErr
			}
		}
		return buf[:len(buf)-pad], nil
	case "AES-CTR":
		if len(iv) != aes.BlockSize {
			return nil, cryptoErr("OperationError", "algorithm.counter must contain exactly 16 bytes")
		}
		return aesCTR(block, iv, a.CtrLength, data)
	case "AES-KW":
		if enc {
			return aesWrap(block, data)
		}
		return aesUnwrap(block, data)
	}
	return nil, cryptoErr("NotSupportedError", "Unrecognized algorithm name")
}

// aesCTR applies AES-CTR where only the low ctrBits of the counter block increment (and wrap),
// as Web Crypto specifies; it fails when the counter would repeat.
func aesCTR(block cipher.Block, iv []byte, ctrBits int, data []byte) (any, error) {
	if ctrBits < 1 || ctrBits > 128 {
		return nil, cryptoErr("OperationError", "algorithm.length must be between 1 and 128")
	}
	blocks := (len(data) + aes.BlockSize - 1) / aes.BlockSize
	if ctrBits < 64 && uint64(blocks) > uint64(1)<<ctrBits {
		return nil, cryptoErr("OperationError", "The counter would wrap around")
	}
	ctr := new(big.Int).SetBytes(iv)
	mod := new(big.Int).Lsh(big.NewInt(1), uint(ctrBits))
	low := new(big.Int).Mod(ctr, mod)
	high := new(big.Int).Sub(ctr, low)
	out := make([]byte, len(data))
	var cb, ks [aes.BlockSize]byte
	one := big.NewInt(1)
	for i := 0; i < len(data); i += aes.BlockSize {
		new(big.Int).Add(high, low).FillBytes(cb[:])
		block.Encrypt(ks[:], cb[:])
		end := min(i+aes.BlockSize, len(data))
		subtle.XORBytes(out[i:end], data[i:end], ks[:end-i])
		low.Add(low, one)
		if low.Cmp(mod) == 0 {
			low.SetInt64(0)
		}
	}
	return out, nil
}

var kwIV = [8]byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}

// aesWrap is the AES key wrap of RFC 3394.
func aesWrap(block cipher.Block, p []byte) (any, error) {
	if len(p) < 16 || len(p)%8 != 0 {
		return nil, cryptoErr("OperationError", "AES-KW input must be a multiple of 8 bytes, at least 16")
	}
	n := len(p) / 8
	out := make([]byte, 8+len(p))
	copy(out[:8], kwIV[:])
	copy(out[8:], p)
	var b [16]byte
	for j := 0; j < 6; j++ {
		for i := 1; i <= n; i++ {
			copy(b[:8], out[:8])
			copy(b[8:], out[8*i:8*i+8])
			block.Encrypt(b[:], b[:])
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(out[:8], binary.BigEndian.Uint64(b[:8])^t)
			copy(out[8*i:], b[8:])
		}
	}
	return out, nil
}

func aesUnwrap(block cipher.Block, c []byte) (any, error) {
	if len(c) < 24 || len(c)%8 != 0 {
		return nil, cryptoErr("OperationError", "The operation failed for an operation-specific reason")
	}
	n := len(c)/8 - 1
	out := make([]byte, len(c))
	copy(out, c)
	var b [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(b[:8], binary.BigEndian.Uint64(out[:8])^t)
			copy(b[8:], out[8*i:8*i+8])
			block.Decrypt(b[:], b[:])
			copy(out[:8], b[:8])
			copy(out[8*i:], b[8:])
		}
	}
	if subtle.ConstantTimeCompare(out[:8], kwIV[:]) != 1 {
		return nil, cryptoErr("OperationError", "The operation failed for an operation-specific reason")
	}
	return out[8:], nil
}

// derive answers a.Bits bits: PBKDF2 and HKDF of key with salt (and info), ECDH and X25519 of a
// private key (key) and a public key (salt).
func derive(a *cryptoArgs, key, salt, info []byte) (any, error) {
	opErr := func(msg string) error { return cryptoErr("OperationError", msg) }
	if a.Bits < 0 || a.Bits%8 != 0 && (a.Alg == "PBKDF2" || a.Alg == "HKDF") {
		return nil, opErr("Invalid length")
	}
	n := a.Bits / 8
	switch a.Alg {
	case "PBKDF2":
		_, h, err := hashOf(a.Hash)
		if err != nil {
			return nil, err
		}
		if a.Iterations < 1 {
			return nil, opErr("iterations cannot be zero")
		}
		if n == 0 {
			return []byte{}, nil
		}
		out, err := pbkdf2.Key(h, string(key), salt, a.Iterations, n)
		if err != nil {
			return nil, opErr(err.Error())
		}
		return out, nil
	case "HKDF":
		_, h, err := hashOf(a.Hash)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return []byte{}, nil
		}
		out, err := hkdf.Key(h, key, salt, string(info), n)
		if err != nil {
			return nil, opErr("The length provided is too large")
		}
		return out, nil
	case "ECDH", "X25519":
		pk, err := parseKey("private", key)
		if err != nil {
			return nil, err
		}
		pub, err := parseKey("public", salt)
		if err != nil {
			return nil, err
		}
		var priv *ecdh.PrivateKey
		var peer *ecdh.PublicKey
		switch k := pk.(type) {
		case *ecdsa.PrivateKey:
			priv, err = k.ECDH()
			if err == nil {
				if p, ok := pub.(*ecdsa.PublicKey); ok {
					peer, err = p.ECDH()
				}
			}
		case *ecdh.PrivateKey:
			priv = k
			peer, _ = pub.(*ecdh.PublicKey)
		}
		if err != nil || priv == nil || peer == nil || priv.Curve() != peer.Curve() {
			return nil, cryptoErr("InvalidAccessError", "The public and private keys must be of the same type and curve")
		}
		secret, err := priv.ECDH(peer)
		if err != nil {
			return nil, opErr("Failed to derive shared secret")
		}
		if a.Bits == 0 {
			return secret, nil
		}
		if n > len(secret) || (a.Bits+7)/8 > len(secret) {
			return nil, opErr("derived bit length is too small")
		}
		out := secret[:(a.Bits+7)/8]
		if r := a.Bits % 8; r != 0 {
			out[len(out)-1] &= byte(0xff << (8 - r))
		}
		return out, nil
	}
	return nil, cryptoErr("NotSupportedError", "Unrecognized algorithm name")
}
