package compute

import (
	"bytes"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tetratelabs/wazero/api"
)

// hostcalls maps "module.name" to its implementation. Parameters arrive as
// the guest passed them (i32 values widened to uint64); every implemented
// hostcall returns a FastlyStatus. Signatures follow compute-sdk-go
// v1.9.0's internal/abi/fastly/*_guest.go.
var hostcalls map[string]hostcall

func init() {
	hostcalls = map[string]hostcall{
		"fastly_abi.init": func(s *state, m api.Memory, p []uint64) uint32 { return statusOK },

		// Downstream request.
		"fastly_http_req.body_downstream_get": func(s *state, m api.Memory, p []uint64) uint32 {
			req := s.add(downstreamRequest(s.r))
			b := &body{src: s.r.Body}
			bh := s.add(b)
			if !writeU32(m, p[0], req) || !writeU32(m, p[1], bh) {
				return statusInval
			}
			return statusOK
		},
		"fastly_http_downstream.next_request": func(s *state, m api.Memory, p []uint64) uint32 {
			// One request per instance, as ServeMany sees when Compute has
			// no further request for it: the promise answers None.
			if !writeU32(m, p[2], s.add(&promise{})) {
				return statusInval
			}
			return statusOK
		},
		"fastly_http_downstream.next_request_wait": func(s *state, m api.Memory, p []uint64) uint32 {
			if _, ok := s.get(p[0]).(*promise); !ok {
				return statusBadf
			}
			return statusNone
		},
		"fastly_http_downstream.next_request_abandon": func(s *state, m api.Memory, p []uint64) uint32 {
			s.drop(p[0])
			return statusOK
		},
		"fastly_http_downstream.downstream_client_ip_addr": clientIP,
		"fastly_http_req.downstream_client_ip_addr":        clientIP,
		"fastly_http_downstream.downstream_server_ip_addr": serverIP,
		"fastly_http_req.downstream_server_ip_addr":        serverIP,
		"fastly_http_downstream.downstream_tls_protocol": tlsString(func(c *tls.ConnectionState) string {
			return tlsVersions[c.Version]
		}),
		"fastly_http_downstream.downstream_tls_cipher_openssl_name": tlsString(func(c *tls.ConnectionState) string {
			return tls.CipherSuiteName(c.CipherSuite)
		}),
		"fastly_http_downstream.downstream_tls_client_servername": tlsString(func(c *tls.ConnectionState) string {
			return c.ServerName
		}),
		// The ClientHello and its fingerprints are not kept by net/http:
		// answered empty.
		"fastly_http_downstream.downstream_tls_client_hello": tlsString(func(*tls.ConnectionState) string { return "" }),
		"fastly_http_downstream.downstream_tls_ja4":          tlsString(func(*tls.ConnectionState) string { return "" }),
		"fastly_http_downstream.downstream_tls_ja3_md5": func(s *state, m api.Memory, p []uint64) uint32 {
			if s.r.TLS == nil {
				return statusNone
			}
			writeU32(m, p[2], 0)
			return statusOK
		},

		// Facts about the downstream request that fsthttp's FastlyMeta and
		// compute.GetHeapMiB read. The emulator has no POP: a random request
		// ID, no fingerprints, no DDoS detection, no Fastly-Key.
		"fastly_http_downstream.downstream_client_request_id": func(s *state, m api.Memory, p []uint64) uint32 {
			return writeOut(m, []byte(s.requestID), p[1], p[2], p[3])
		},
		"fastly_http_downstream.downstream_client_h2_fingerprint": none,
		"fastly_http_downstream.downstream_client_oh_fingerprint": none,
		"fastly_http_downstream.downstream_client_ddos_detected":  writeFalse,
		"fastly_http_downstream.fastly_key_is_valid":              writeFalse,
		// net/http keeps neither the client's order nor its case: the
		// names come sorted and canonical.
		"fastly_http_downstream.downstream_original_header_names": func(s *state, m api.Memory, p []uint64) uint32 {
			return writeMulti(m, originalHeaderNames(s.r), p[1], p[2], p[3], p[4], p[5])
		},
		"fastly_http_downstream.downstream_original_header_count": func(s *state, m api.Memory, p []uint64) uint32 {
			writeU32(m, p[1], uint32(len(originalHeaderNames(s.r))))
			return statusOK
		},
		"fastly_compute_runtime.get_heap_mib": func(s *state, m api.Memory, p []uint64) uint32 {
			writeU32(m, p[0], m.Size()>>20)
			return statusOK
		},

		// Requests.
		"fastly_http_req.new": func(s *state, m api.Memory, p []uint64) uint32 {
			if !writeU32(m, p[0], s.add(&request{method: "GET", header: http.Header{}, version: 2})) {
				return statusInval
			}
			return statusOK
		},
		"fastly_http_req.close": closeHandle[*request],
		"fastly_http_req.method_get": withHandle(func(s *state, m api.Memory, p []uint64, rq *request) uint32 {
			return writeOut(m, []byte(rq.method), p[1], p[2], p[3])
		}),
		"fastly_http_req.method_set": withHandle(func(s *state, m api.Memory, p []uint64, rq *request) uint32 {
			v, ok := readString(m, p[1], p[2])
			if !ok || v == "" {
				return statusInval
			}
			rq.method = v
			return statusOK
		}),
		"fastly_http_req.uri_get": withHandle(func(s *state, m api.Memory, p []uint64, rq *request) uint32 {
			return writeOut(m, []byte(rq.uri), p[1], p[2], p[3])
		}),
		"fastly_http_req.uri_set": withHandle(func(s *state, m api.Memory, p []uint64, rq *request) uint32 {
			v, ok := readString(m, p[1], p[2])
			if !ok {
				return statusInval
			}
			if _, err := url.Parse(v); err != nil {
				return statusHTTPInvalid
			}
			rq.uri = v
			return statusOK
		}),
		"fastly_http_req.version_get": withHandle(func(s *state, m api.Memory, p []uint64, rq *request) uint32 {
			writeU32(m, p[1], rq.version)
			return statusOK
		}),
		"fastly_http_req.version_set": withHandle(func(s *state, m api.Memory, p []uint64, rq *request) uint32 {
			rq.version = uint32(p[1])
			return statusOK
		}),
		// The emulator has no cache: every backend request is a pass, so
		// cache overrides are accepted and have no effect; bodies are passed
		// on as the backend sent them and a backend request's framing is
		// computed. A downstream response in manual framing mode keeps its
		// Content-Length (see sendDownstream).
		"fastly_http_req.cache_override_set":           accept,
		"fastly_http_req.cache_override_v2_set":        accept,
		"fastly_http_req.auto_decompress_response_set": accept,
		"fastly_http_req.framing_headers_mode_set":     accept,
		"fastly_http_resp.framing_headers_mode_set": withHandle(func(s *state, m api.Memory, p []uint64, rs *response) uint32 {
			rs.manualFraming = p[1] == 1 // $framing_headers_mode: automatic (0), manually_from_headers (1)
			return statusOK
		}),
		"fastly_http_body.trailer_append": accept,

		// Backend requests.
		"fastly_http_req.send_v3": sendSync,
		"fastly_http_req.send_v2": sendSync,
		"fastly_http_req.send_async": func(s *state, m api.Memory, p []uint64) uint32 {
			return sendAsync(s, m, p, false, p[4])
		},
		"fastly_http_req.send_async_streaming": func(s *state, m api.Memory, p []uint64) uint32 {
			return sendAsync(s, m, p, true, p[4])
		},
		"fastly_http_req.send_async_v2": func(s *state, m api.Memory, p []uint64) uint32 {
			return sendAsync(s, m, p, p[4] != 0, p[5])
		},
		"fastly_http_req.pending_req_poll_v2": withHandle(func(s *state, m api.Memory, p []uint64, pr *pending) uint32 {
			select {
			case <-pr.done:
			default:
				writeU32(m, p[2], 0)
				return statusOK
			}
			writeU32(m, p[2], 1)
			return finishSend(s, m, pr, p[1], p[3], p[4])
		}),
		"fastly_http_req.pending_req_wait_v2": withHandle(func(s *state, m api.Memory, p []uint64, pr *pending) uint32 {
			select {
			case <-pr.done:
			case <-s.ctx.Done():
				return statusError
			}
			return finishSend(s, m, pr, p[1], p[2], p[3])
		}),

		// Responses.
		"fastly_http_resp.new": func(s *state, m api.Memory, p []uint64) uint32 {
			if !writeU32(m, p[0], s.add(&response{status: 200, header: http.Header{}, version: 2})) {
				return statusInval
			}
			return statusOK
		},
		"fastly_http_resp.close": closeHandle[*response],
		"fastly_http_resp.status_get": withHandle(func(s *state, m api.Memory, p []uint64, rs *response) uint32 {
			m.WriteUint16Le(uint32(p[1]), uint16(rs.status))
			return statusOK
		}),
		"fastly_http_resp.status_set": withHandle(func(s *state, m api.Memory, p []uint64, rs *response) uint32 {
			if p[1] < 100 || p[1] > 999 {
				return statusInval
			}
			rs.status = int(p[1])
			return statusOK
		}),
		"fastly_http_resp.version_get": withHandle(func(s *state, m api.Memory, p []uint64, rs *response) uint32 {
			writeU32(m, p[1], rs.version)
			return statusOK
		}),
		"fastly_http_resp.version_set": withHandle(func(s *state, m api.Memory, p []uint64, rs *response) uint32 {
			rs.version = uint32(p[1])
			return statusOK
		}),
		"fastly_http_resp.send_downstream": sendDownstream,

		// Bodies.
		"fastly_http_body.new": func(s *state, m api.Memory, p []uint64) uint32 {
			if !writeU32(m, p[0], s.add(&body{})) {
				return statusInval
			}
			return statusOK
		},
		"fastly_http_body.read": withHandle(func(s *state, m api.Memory, p []uint64, b *body) uint32 {
			buf := make([]byte, min(p[2], 1<<20))
			n := b.read(buf)
			if !m.Write(uint32(p[1]), buf[:n]) || !writeU32(m, p[3], uint32(n)) {
				return statusInval
			}
			return statusOK
		}),
		"fastly_http_body.write": withHandle(func(s *state, m api.Memory, p []uint64, b *body) uint32 {
			data, ok := read(m, p[1], p[2])
			if !ok {
				return statusInval
			}
			if err := b.write(data, p[3] == 1); err != nil {
				return statusError
			}
			writeU32(m, p[4], uint32(len(data)))
			return statusOK
		}),
		"fastly_http_body.append": func(s *state, m api.Memory, p []uint64) uint32 {
			dst, ok1 := s.get(p[0]).(*body)
			src, ok2 := s.get(p[1]).(*body)
			if !ok1 || !ok2 {
				return statusBadf
			}
			if err := dst.appendBody(src); err != nil {
				return statusError
			}
			s.drop(p[1])
			return statusOK
		},
		"fastly_http_body.close":   closeBody,
		"fastly_http_body.abandon": closeBody,
		"fastly_http_body.known_length": withHandle(func(s *state, m api.Memory, p []uint64, b *body) uint32 {
			n, known := b.knownLength()
			if !known {
				return statusNone
			}
			m.WriteUint64Le(uint32(p[1]), uint64(n))
			return statusOK
		}),

		// Logging.
		"fastly_log.endpoint_get": func(s *state, m api.Memory, p []uint64) uint32 {
			name, ok := readString(m, p[0], p[1])
			if !ok || name == "" {
				return statusInval
			}
			if !writeU32(m, p[2], s.add(&logEndpoint{name: name})) {
				return statusInval
			}
			return statusOK
		},
		"fastly_log.write": withHandle(func(s *state, m api.Memory, p []uint64, e *logEndpoint) uint32 {
			msg, ok := read(m, p[1], p[2])
			if !ok {
				return statusInval
			}
			line := strings.TrimSuffix(string(msg), "\n")
			s.h.logf("fastly log %s: %s", e.name, line)
			writeU32(m, p[3], uint32(len(msg)))
			return statusOK
		}),

		// Geolocation.
		"fastly_geo.lookup": func(s *state, m api.Memory, p []uint64) uint32 {
			addr, ok := read(m, p[0], p[1])
			if !ok || (len(addr) != 4 && len(addr) != 16) {
				return statusInval
			}
			return writeOut(m, s.h.opts.Geo(net.IP(addr)), p[2], p[3], p[4])
		},

		// Config stores and dictionaries.
		"fastly_config_store.open": openStore,
		"fastly_config_store.get":  storeGet,
		"fastly_dictionary.open":   openStore,
		"fastly_dictionary.get":    storeGet,
	}
	for _, mod := range []string{"fastly_http_req", "fastly_http_resp"} {
		hostcalls[mod+".header_names_get"] = headerNamesGet
		hostcalls[mod+".header_value_get"] = headerValueGet
		hostcalls[mod+".header_values_get"] = headerValuesGet
		hostcalls[mod+".header_values_set"] = headerValuesSet
		hostcalls[mod+".header_insert"] = headerInsert(false)
		hostcalls[mod+".header_append"] = headerInsert(true)
		hostcalls[mod+".header_remove"] = headerRemove
	}
	for k, f := range kvHostcalls() {
		hostcalls[k] = f
	}
}

const statusHTTPInvalid = 7

var tlsVersions = map[uint16]string{
	tls.VersionTLS10: "TLSv1", tls.VersionTLS11: "TLSv1.1",
	tls.VersionTLS12: "TLSv1.2", tls.VersionTLS13: "TLSv1.3",
}

func accept(*state, api.Memory, []uint64) uint32 { return statusOK }

func none(*state, api.Memory, []uint64) uint32 { return statusNone }

func writeFalse(s *state, m api.Memory, p []uint64) uint32 {
	m.WriteByte(uint32(p[1]), 0)
	return statusOK
}

func originalHeaderNames(r *http.Request) []string {
	names := make([]string, 0, len(r.Header)+1)
	if r.Host != "" {
		names = append(names, "Host")
	}
	for k := range r.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// withHandle looks up the handle in the first argument as a T: a handle of another kind, or
// none, answers BadF (what Compute answers) before fn runs.
func withHandle[T any](fn func(s *state, m api.Memory, p []uint64, h T) uint32) hostcall {
	return func(s *state, m api.Memory, p []uint64) uint32 {
		h, ok := s.get(p[0]).(T)
		if !ok {
			return statusBadf
		}
		return fn(s, m, p, h)
	}
}

func closeHandle[T any](s *state, m api.Memory, p []uint64) uint32 {
	if _, ok := s.get(p[0]).(T); !ok {
		return statusBadf
	}
	s.drop(p[0])
	return statusOK
}

func closeBody(s *state, m api.Memory, p []uint64) uint32 {
	b, ok := s.get(p[0]).(*body)
	if !ok {
		return statusBadf
	}
	b.close()
	s.drop(p[0])
	return statusOK
}

func ipOut(m api.Memory, ip net.IP, out, nwritten uint64) uint32 {
	if ip == nil {
		return statusNone
	}
	if v4 := ip.To4(); v4 != nil {
		ip = v4
	}
	if !m.Write(uint32(out), ip) || !writeU32(m, nwritten, uint32(len(ip))) {
		return statusInval
	}
	return statusOK
}

func clientIP(s *state, m api.Memory, p []uint64) uint32 {
	host, _, err := net.SplitHostPort(s.r.RemoteAddr)
	if err != nil {
		host = s.r.RemoteAddr
	}
	return ipOut(m, net.ParseIP(host), p[1], p[2])
}

func serverIP(s *state, m api.Memory, p []uint64) uint32 {
	ip := net.IPv4(127, 0, 0, 1)
	if a, ok := s.r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if host, _, err := net.SplitHostPort(a.String()); err == nil && net.ParseIP(host) != nil {
			ip = net.ParseIP(host)
		}
	}
	return ipOut(m, ip, p[1], p[2])
}

func tlsString(f func(*tls.ConnectionState) string) hostcall {
	return func(s *state, m api.Memory, p []uint64) uint32 {
		if s.r.TLS == nil {
			return statusNone
		}
		return writeOut(m, []byte(f(s.r.TLS)), p[1], p[2], p[3])
	}
}

func headersOf(s *state, h uint64) http.Header {
	switch v := s.get(h).(type) {
	case *request:
		return v.header
	case *response:
		return v.header
	}
	return nil
}

func headerNamesGet(s *state, m api.Memory, p []uint64) uint32 {
	hdr := headersOf(s, p[0])
	if hdr == nil {
		return statusBadf
	}
	names := make([]string, 0, len(hdr))
	for k := range hdr {
		names = append(names, strings.ToLower(k))
	}
	sort.Strings(names)
	return writeMulti(m, names, p[1], p[2], p[3], p[4], p[5])
}

func headerValueGet(s *state, m api.Memory, p []uint64) uint32 {
	hdr := headersOf(s, p[0])
	if hdr == nil {
		return statusBadf
	}
	name, ok := readString(m, p[1], p[2])
	if !ok {
		return statusInval
	}
	vs := hdr.Values(name)
	if len(vs) == 0 {
		return statusNone
	}
	return writeOut(m, []byte(vs[0]), p[3], p[4], p[5])
}

func headerValuesGet(s *state, m api.Memory, p []uint64) uint32 {
	hdr := headersOf(s, p[0])
	if hdr == nil {
		return statusBadf
	}
	name, ok := readString(m, p[1], p[2])
	if !ok {
		return statusInval
	}
	return writeMulti(m, hdr.Values(name), p[3], p[4], p[5], p[6], p[7])
}

func headerValuesSet(s *state, m api.Memory, p []uint64) uint32 {
	hdr := headersOf(s, p[0])
	if hdr == nil {
		return statusBadf
	}
	name, ok1 := readString(m, p[1], p[2])
	vals, ok2 := readString(m, p[3], p[4])
	if !ok1 || !ok2 || name == "" {
		return statusInval
	}
	vs := strings.Split(strings.TrimSuffix(vals, "\x00"), "\x00")
	hdr.Del(name)
	for _, v := range vs {
		hdr.Add(name, v)
	}
	return statusOK
}

func headerInsert(appendValue bool) hostcall {
	return func(s *state, m api.Memory, p []uint64) uint32 {
		hdr := headersOf(s, p[0])
		if hdr == nil {
			return statusBadf
		}
		name, ok1 := readString(m, p[1], p[2])
		val, ok2 := readString(m, p[3], p[4])
		if !ok1 || !ok2 || name == "" {
			return statusInval
		}
		if appendValue {
			hdr.Add(name, val)
		} else {
			hdr.Set(name, val)
		}
		return statusOK
	}
}

func headerRemove(s *state, m api.Memory, p []uint64) uint32 {
	hdr := headersOf(s, p[0])
	if hdr == nil {
		return statusBadf
	}
	name, ok := readString(m, p[1], p[2])
	if !ok {
		return statusInval
	}
	if len(hdr.Values(name)) == 0 {
		return statusNone
	}
	hdr.Del(name)
	return statusOK
}

func openStore(s *state, m api.Memory, p []uint64) uint32 {
	name, ok := readString(m, p[0], p[1])
	if !ok {
		return statusInval
	}
	if name == "" {
		return statusNone
	}
	st, found := s.h.opts.Config[name]
	if !found {
		return statusBadf
	}
	if !writeU32(m, p[2], s.add(&store{m: st})) {
		return statusInval
	}
	return statusOK
}

func storeGet(s *state, m api.Memory, p []uint64) uint32 {
	st, ok := s.get(p[0]).(*store)
	if !ok {
		return statusBadf
	}
	key, ok := readString(m, p[1], p[2])
	if !ok {
		return statusInval
	}
	v, found := st.m[key]
	if !found {
		return statusNone
	}
	return writeOut(m, []byte(v), p[3], p[4], p[5])
}

// Backend requests.

// send_v2 / send_v3: (req, body, backend, backend_len, error_detail,
// resp_out, body_out).
func sendSync(s *state, m api.Memory, p []uint64) uint32 {
	pr, status := startSend(s, m, p[0], p[1], p[2], p[3], false)
	if status != statusOK {
		return status
	}
	select {
	case <-pr.done:
	case <-s.ctx.Done():
		return statusError
	}
	return finishSend(s, m, pr, p[4], p[5], p[6])
}

func sendAsync(s *state, m api.Memory, p []uint64, streaming bool, out uint64) uint32 {
	pr, status := startSend(s, m, p[0], p[1], p[2], p[3], streaming)
	if status != statusOK {
		return status
	}
	if !writeU32(m, out, s.add(pr)) {
		return statusInval
	}
	return statusOK
}

// Send error detail tags ($send_error_detail_tag).
const (
	sendErrorOK                     = 1
	sendErrorDestinationUnavailable = 5
)

func finishSend(s *state, m api.Memory, pr *pending, detail, respOut, bodyOut uint64) uint32 {
	if pr.err != nil {
		writeU32(m, detail, sendErrorDestinationUnavailable)
		return statusError
	}
	writeU32(m, detail, sendErrorOK)
	resp := pr.resp
	hdr := resp.Header.Clone()
	if resp.ContentLength >= 0 && hdr.Get("Content-Length") == "" {
		hdr.Set("Content-Length", strconv.FormatInt(resp.ContentLength, 10))
	}
	rh := s.add(&response{status: resp.StatusCode, header: hdr, version: versionOf(resp.ProtoMajor, resp.ProtoMinor)})
	bh := s.add(&body{src: resp.Body})
	if !writeU32(m, respOut, rh) || !writeU32(m, bodyOut, bh) {
		return statusInval
	}
	return statusOK
}

func startSend(s *state, m api.Memory, reqH, bodyH, namePtr, nameLen uint64, streaming bool) (*pending, uint32) {
	rq, ok1 := s.get(reqH).(*request)
	bd, ok2 := s.get(bodyH).(*body)
	if !ok1 || !ok2 {
		return nil, statusBadf
	}
	name, ok := readString(m, namePtr, nameLen)
	if !ok {
		return nil, statusInval
	}
	base, found := s.h.opts.Backends[name]
	if !found {
		s.h.logf("fastly compute emulation: backend %q is not configured: add it to the emulator's backends (the allow-list); answering FastlyStatus Inval", name)
		return nil, statusInval
	}
	s.mu.Lock()
	s.backends++
	n := s.backends
	s.mu.Unlock()
	if n > s.h.opts.MaxBackendRequests {
		s.h.logf("fastly compute emulation: backend request %d to %q: Fastly Compute allows %d backend requests per execution; answering FastlyStatus LimitExceeded", n, name, s.h.opts.MaxBackendRequests)
		return nil, statusLimitExceeded
	}
	u, err := url.Parse(rq.uri)
	if err != nil {
		return nil, statusHTTPInvalid
	}
	b, err := url.Parse(base)
	if err != nil {
		s.h.logf("fastly compute emulation: backend %q has an invalid URL %q: %v", name, base, err)
		return nil, statusError
	}
	target := *u
	target.Scheme, target.Host = b.Scheme, b.Host
	if p := strings.TrimSuffix(b.Path, "/"); p != "" {
		target.Path = p + u.Path
		target.RawPath = ""
	}
	var reqBody io.Reader
	length := int64(-1)
	if streaming {
		pr, pw := io.Pipe()
		reqBody = io.MultiReader(bd.reader(), pr)
		bd.sink, bd.closer = pw, pw
		s.mu.Lock()
		s.closers = append(s.closers, pw)
		s.mu.Unlock()
	} else {
		data, _ := io.ReadAll(bd.reader())
		reqBody = bytes.NewReader(data)
		length = int64(len(data))
		s.drop(bodyH)
	}
	hr, err := http.NewRequestWithContext(s.ctx, rq.method, target.String(), reqBody)
	if err != nil {
		return nil, statusHTTPInvalid
	}
	hr.ContentLength = length
	if length == 0 {
		hr.Body = http.NoBody
	}
	hr.Header = rq.header.Clone()
	hr.Host = u.Host
	if h := hr.Header.Get("Host"); h != "" {
		hr.Host = h
	}
	hr.Header.Del("Host")
	hr.Header.Del("Content-Length")
	hr.Header.Del("Transfer-Encoding")
	p := &pending{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.resp, p.err = s.h.opts.Transport.RoundTrip(hr)
		if p.err != nil {
			s.h.logf("fastly compute emulation: backend %q: %s %s: %v", name, rq.method, target.String(), p.err)
			return
		}
		s.mu.Lock()
		s.closers = append(s.closers, p.resp.Body)
		s.mu.Unlock()
	}()
	return p, statusOK
}

// sendDownstream answers the client: (resp, body, streaming).
func sendDownstream(s *state, m api.Memory, p []uint64) uint32 {
	rs, ok1 := s.get(p[0]).(*response)
	bd, ok2 := s.get(p[1]).(*body)
	if !ok1 || !ok2 {
		return statusBadf
	}
	if s.sent {
		s.h.logf("fastly compute emulation: send_downstream called after the response was sent")
		return statusBadf
	}
	if rs.status < 100 || (rs.status < 200 && rs.status != 103) {
		return statusInval
	}
	wh := s.w.Header()
	for k, vs := range rs.header {
		// Framing is computed from the body, as Compute does outside manual
		// framing mode; in it, a Content-Length is kept (Go's server then
		// fails a body of another length), as is a response to HEAD's,
		// which describes the body a GET would get.
		if k == "Transfer-Encoding" || (k == "Content-Length" && !rs.manualFraming && s.r.Method != "HEAD") {
			continue
		}
		wh[k] = append([]string(nil), vs...)
	}
	if rs.status == 103 {
		s.w.WriteHeader(103)
		for k := range rs.header {
			wh.Del(k)
		}
		return statusOK
	}
	s.sent = true
	s.sentAt = time.Now()
	s.status = rs.status
	if p[2] == 0 {
		data, _ := io.ReadAll(bd.reader())
		if wh.Get("Content-Length") == "" || (s.r.Method != "HEAD" && !rs.manualFraming) {
			wh.Set("Content-Length", strconv.Itoa(len(data)))
		}
		s.w.WriteHeader(rs.status)
		s.w.Write(data)
		bd.close()
		s.drop(p[1])
		s.responseDone()
		return statusOK
	}
	s.w.WriteHeader(rs.status)
	fw := flushWriter{s.w}
	fw.Write(nil)
	io.Copy(fw, bd.reader())
	bd.sink = fw
	bd.closer = closerFunc(s.responseDone) // closing the streaming body ends the response
	s.downstream = bd
	return statusOK
}

type closerFunc func()

func (f closerFunc) Close() error { f(); return nil }
