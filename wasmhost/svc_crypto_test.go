package wasmhost

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"math/big"
	"testing"
)

func callCrypto(t *testing.T, args string, parts ...[]byte) (any, error) {
	t.Helper()
	return cryptoService(args, pack(parts...))
}

// An ECDSA signature is IEEE P1363 (r || s, each the curve's size), and verifies with the
// standard library's own ECDSA.
func TestCryptoECDSAP1363(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	sig, err := callCrypto(t, `{"op":"sign","alg":"ECDSA","hash":"SHA-256"}`, der, []byte("msg"))
	if err != nil {
		t.Fatal(err)
	}
	s := sig.([]byte)
	if len(s) != 132 {
		t.Fatalf("P-521 signature is %d bytes, want 132", len(s))
	}
	d := sha256.Sum256([]byte("msg"))
	if !ecdsa.Verify(&k.PublicKey, d[:], new(big.Int).SetBytes(s[:66]), new(big.Int).SetBytes(s[66:])) {
		t.Fatal("signature does not verify")
	}
	spki, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	for _, c := range []struct {
		msg  string
		sig  []byte
		want any
	}{{"msg", s, "1"}, {"msh", s, ""}, {"msg", s[1:], ""}} {
		got, err := callCrypto(t, `{"op":"verify","alg":"ECDSA","hash":"SHA-256"}`, spki, c.sig, []byte(c.msg))
		if err != nil || got != c.want {
			t.Errorf("verify %q (%d bytes) = %q, %v; want %q", c.msg, len(c.sig), got, err, c.want)
		}
	}
}

// AES key wrap matches RFC 3394 section 4.1 and unwraps back; a tampered wrap is an
// OperationError.
func TestCryptoAESKW(t *testing.T) {
	kek, _ := hex.DecodeString("000102030405060708090A0B0C0D0E0F")
	key, _ := hex.DecodeString("00112233445566778899AABBCCDDEEFF")
	want, _ := hex.DecodeString("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5")
	got, err := callCrypto(t, `{"op":"encrypt","alg":"AES-KW"}`, kek, key)
	if err != nil || !bytes.Equal(got.([]byte), want) {
		t.Fatalf("wrap = %x, %v; want %x", got, err, want)
	}
	back, err := callCrypto(t, `{"op":"decrypt","alg":"AES-KW"}`, kek, want)
	if err != nil || !bytes.Equal(back.([]byte), key) {
		t.Fatalf("unwrap = %x, %v", back, err)
	}
	bad := bytes.Clone(want)
	bad[3] ^= 1
	_, err = callCrypto(t, `{"op":"decrypt","alg":"AES-KW"}`, kek, bad)
	var se *ServiceError
	if !errors.As(err, &se) || se.Name != "OperationError" {
		t.Fatalf("tampered unwrap: %v", err)
	}
}

// Malformed key material and payloads are DataError / TypeError, never a panic.
func TestCryptoBadInput(t *testing.T) {
	for _, c := range []struct {
		args  string
		parts [][]byte
		want  string
	}{
		{`{"op":"sign","alg":"RSASSA-PKCS1-v1_5","hash":"SHA-256"}`, [][]byte{[]byte("junk"), nil}, "DataError"},
		{`{"op":"import","kind":"RSA","format":"spki"}`, [][]byte{{0x30, 0x03, 0x02, 0x01}}, "DataError"},
		{`{"op":"import","kind":"EC","curve":"P-256","format":"jwk","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}}`, nil, "DataError"},
		{`{"op":"verify"}`, nil, "TypeError"},
		{`{"op":"nope"}`, nil, "NotSupportedError"},
	} {
		_, err := callCrypto(t, c.args, c.parts...)
		var se *ServiceError
		if !errors.As(err, &se) || se.Name != c.want {
			t.Errorf("%s: %v, want %s", c.args, err, c.want)
		}
	}
	if _, err := cryptoService(`{"op":"sign"}`, []byte{0, 0, 0, 9, 1}); err == nil {
		t.Error("a truncated payload was accepted")
	}
}
