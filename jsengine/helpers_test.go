package jsengine_test

import (
	"time"

	"github.com/kitwasm/kitwasm/wasmhost"
)

func defaultPool() wasmhost.PoolConfig {
	return wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 1, RequestTimeout: 5 * time.Minute}
}
