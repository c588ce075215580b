package compute

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero/api"
)

// KVStore is an emulated Compute KV store: keys to values (with metadata and a generation), in
// memory, shared by every instance of the Handler it is given to, as a KV store is shared by
// a service's executions. Insert modes (overwrite, add, append, prepend), metadata,
// if-generation-match and listing by prefix, cursor and limit are emulated; a time to live is
// accepted and ignored (entries do not expire), and every operation completes at once
// (the *_wait calls never wait).
type KVStore struct {
	mu         sync.Mutex
	entries    map[string]*kvEntry
	generation uint64
}

type kvEntry struct {
	value, meta []byte
	generation  uint64
}

// NewKVStore returns a KV store holding values.
func NewKVStore(values map[string]string) *KVStore {
	kv := &KVStore{entries: map[string]*kvEntry{}}
	for k, v := range values {
		kv.generation++
		kv.entries[k] = &kvEntry{value: []byte(v), generation: kv.generation}
	}
	return kv
}

// Get returns a key's value.
func (kv *KVStore) Get(key string) (string, bool) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	e, ok := kv.entries[key]
	if !ok {
		return "", false
	}
	return string(e.value), true
}

// KV errors from compute-sdk-go's witx ($kv_error).
const (
	kvOK                 = 1
	kvBadRequest         = 2
	kvNotFound           = 3
	kvPreconditionFailed = 4
)

type kvStoreHandle struct{ kv *KVStore }

// kvPending is a lookup, insert, delete or list that has completed: its wait call answers.
type kvPending struct {
	kind  string // "lookup", "insert", "delete", "list"
	err   uint32 // $kv_error
	entry *kvEntry
	body  []byte // a list's JSON page
}

// validKVKey follows Compute's rules for keys: 1 to 1024 bytes of UTF-8, not "." or "..",
// no control characters nor the characters # ; ? [ ] * and not starting with .well-known/acme-challenge/.
func validKVKey(k string) bool {
	if k == "" || len(k) > 1024 || k == "." || k == ".." || strings.HasPrefix(k, ".well-known/acme-challenge/") {
		return false
	}
	for _, r := range k {
		if r < 0x20 || r == 0x7f || strings.ContainsRune("#;?[]*", r) {
			return false
		}
	}
	return true
}

func kvHostcalls() map[string]hostcall {
	return map[string]hostcall{
		// open(name, name_len, handle_out): Inval for an unknown store (the SDK's
		// ErrStoreNotFound).
		"fastly_kv_store.open": func(s *state, m api.Memory, p []uint64) uint32 {
			name, ok := readString(m, p[0], p[1])
			if !ok {
				return statusInval
			}
			kv := s.h.opts.KVStores[name]
			if kv == nil {
				return statusInval
			}
			if !writeU32(m, p[2], s.add(&kvStoreHandle{kv})) {
				return statusInval
			}
			return statusOK
		},
		// lookup(store, key, key_len, mask, config, handle_out)
		"fastly_kv_store.lookup": withHandle(func(s *state, m api.Memory, p []uint64, st *kvStoreHandle) uint32 {
			key, ok := readString(m, p[1], p[2])
			if !ok {
				return statusInval
			}
			pd := &kvPending{kind: "lookup", err: kvOK}
			if !validKVKey(key) {
				pd.err = kvBadRequest
			} else {
				st.kv.mu.Lock()
				if e := st.kv.entries[key]; e != nil {
					pd.entry = &kvEntry{value: bytes.Clone(e.value), meta: bytes.Clone(e.meta), generation: e.generation}
				} else {
					pd.err = kvNotFound
				}
				st.kv.mu.Unlock()
			}
			return writeHandle(s, m, p[5], pd)
		}),
		// lookup_wait_v2(handle, body_out, meta, meta_len, nwritten_out, generation_out, kv_error_out)
		"fastly_kv_store.lookup_wait_v2": withHandle(func(s *state, m api.Memory, p []uint64, pd *kvPending) uint32 {
			if pd.kind != "lookup" {
				return statusBadf
			}
			if pd.entry != nil {
				if uint64(len(pd.entry.meta)) > p[3] {
					writeU32(m, p[4], uint32(len(pd.entry.meta)))
					return statusBufLen
				}
				if !m.Write(uint32(p[2]), pd.entry.meta) || !writeU32(m, p[4], uint32(len(pd.entry.meta))) ||
					!m.WriteUint64Le(uint32(p[5]), pd.entry.generation) ||
					!writeU32(m, p[1], s.add(&body{buf: pd.entry.value})) {
					return statusInval
				}
			}
			s.drop(p[0])
			if !writeU32(m, p[6], pd.err) {
				return statusInval
			}
			return statusOK
		}),
		// insert(store, key, key_len, body, mask, config, handle_out)
		"fastly_kv_store.insert": withHandle(func(s *state, m api.Memory, p []uint64, st *kvStoreHandle) uint32 {
			key, ok := readString(m, p[1], p[2])
			if !ok {
				return statusInval
			}
			b, ok := s.get(p[3]).(*body)
			if !ok {
				return statusBadf
			}
			value, err := io.ReadAll(b.reader())
			if err != nil {
				return statusError
			}
			s.drop(p[3])
			// $kv_insert_config: mode u32, unused u32, metadata ptr, metadata_len u32,
			// time_to_live_sec u32, if_generation_match u64 (at 24, aligned).
			cfg, ok := m.Read(uint32(p[5]), 32)
			if !ok {
				return statusInval
			}
			mask := uint32(p[4])
			mode := binary.LittleEndian.Uint32(cfg[0:])
			var meta []byte
			if mask&(1<<3) != 0 {
				if meta, ok = read(m, uint64(binary.LittleEndian.Uint32(cfg[8:])), uint64(binary.LittleEndian.Uint32(cfg[12:]))); !ok {
					return statusInval
				}
			}
			pd := &kvPending{kind: "insert", err: kvOK}
			if !validKVKey(key) || mode > 3 {
				pd.err = kvBadRequest
				return writeHandle(s, m, p[6], pd)
			}
			st.kv.mu.Lock()
			defer st.kv.mu.Unlock()
			old := st.kv.entries[key]
			switch {
			case mask&(1<<5) != 0 && (old == nil || old.generation != binary.LittleEndian.Uint64(cfg[24:])):
				pd.err = kvPreconditionFailed
			case mode == 1 && old != nil: // add: only a new key
				pd.err = kvPreconditionFailed
			default:
				switch {
				case mode == 2 && old != nil: // append
					value = append(bytes.Clone(old.value), value...)
				case mode == 3 && old != nil: // prepend
					value = append(value, old.value...)
				}
				if meta == nil && old != nil && mode >= 2 {
					meta = old.meta
				}
				st.kv.generation++
				st.kv.entries[key] = &kvEntry{value: value, meta: meta, generation: st.kv.generation}
			}
			return writeHandle(s, m, p[6], pd)
		}),
		"fastly_kv_store.insert_wait": kvWait("insert"),
		// delete(store, key, key_len, mask, config, handle_out): deleting a missing key
		// answers NotFound (the SDK's ErrKeyNotFound).
		"fastly_kv_store.delete": withHandle(func(s *state, m api.Memory, p []uint64, st *kvStoreHandle) uint32 {
			key, ok := readString(m, p[1], p[2])
			if !ok {
				return statusInval
			}
			pd := &kvPending{kind: "delete", err: kvOK}
			st.kv.mu.Lock()
			switch {
			case !validKVKey(key):
				pd.err = kvBadRequest
			case st.kv.entries[key] == nil:
				pd.err = kvNotFound
			default:
				delete(st.kv.entries, key)
			}
			st.kv.mu.Unlock()
			return writeHandle(s, m, p[5], pd)
		}),
		"fastly_kv_store.delete_wait": kvWait("delete"),
		// list(store, mask, config, handle_out); $kv_list_config: mode u32, cursor ptr,
		// cursor_len u32, limit u32, prefix ptr, prefix_len u32.
		"fastly_kv_store.list": withHandle(func(s *state, m api.Memory, p []uint64, st *kvStoreHandle) uint32 {
			cfg, ok := m.Read(uint32(p[2]), 24)
			if !ok {
				return statusInval
			}
			mask := uint32(p[1])
			u32 := func(at int) uint64 { return uint64(binary.LittleEndian.Uint32(cfg[at:])) }
			var cursor, prefix string
			limit := 100
			if mask&(1<<1) != 0 {
				if cursor, ok = readString(m, u32(4), u32(8)); !ok {
					return statusInval
				}
			}
			if mask&(1<<2) != 0 && u32(12) > 0 {
				limit = int(u32(12))
			}
			if mask&(1<<3) != 0 {
				if prefix, ok = readString(m, u32(16), u32(20)); !ok {
					return statusInval
				}
			}
			mode := "strong"
			if u32(0) == 1 {
				mode = "eventual"
			}
			st.kv.mu.Lock()
			var keys []string
			for k := range st.kv.entries {
				if strings.HasPrefix(k, prefix) && k > cursor {
					keys = append(keys, k)
				}
			}
			st.kv.mu.Unlock()
			sort.Strings(keys)
			next := ""
			if len(keys) > limit {
				keys = keys[:limit]
				next = keys[len(keys)-1]
			}
			if keys == nil {
				keys = []string{}
			}
			page, _ := json.Marshal(map[string]any{
				"data": keys,
				"meta": map[string]any{"limit": limit, "next_cursor": next, "prefix": prefix, "mode": mode},
			})
			return writeHandle(s, m, p[3], &kvPending{kind: "list", err: kvOK, body: page})
		}),
		// list_wait(handle, body_out, kv_error_out)
		"fastly_kv_store.list_wait": withHandle(func(s *state, m api.Memory, p []uint64, pd *kvPending) uint32 {
			if pd.kind != "list" {
				return statusBadf
			}
			s.drop(p[0])
			if !writeU32(m, p[1], s.add(&body{buf: pd.body})) || !writeU32(m, p[2], pd.err) {
				return statusInval
			}
			return statusOK
		}),
	}
}

// kvWait is insert_wait / delete_wait (handle, kv_error_out).
func kvWait(kind string) hostcall {
	return withHandle(func(s *state, m api.Memory, p []uint64, pd *kvPending) uint32 {
		if pd.kind != kind {
			return statusBadf
		}
		s.drop(p[0])
		if !writeU32(m, p[1], pd.err) {
			return statusInval
		}
		return statusOK
	})
}

func writeHandle(s *state, m api.Memory, out uint64, v any) uint32 {
	if !writeU32(m, out, s.add(v)) {
		return statusInval
	}
	return statusOK
}
