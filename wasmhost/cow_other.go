//go:build !linux

package wasmhost

import (
	"errors"
	"os"
)

// Elsewhere restoring copies the snapshot into the isolate's memory (cow_linux.go maps it).
const cowSupported = false

const cowMode = ""

type cowImage struct{ size int }

var errNoCOW = errors.New("copy-on-write snapshots need Linux")

func newMemfdImage([]byte) (*cowImage, error)           { return nil, errNoCOW }
func fileImage(*os.File, int64, int) (*cowImage, error) { return nil, errNoCOW }
func (img *cowImage) close()                            {}
func (img *cowImage) readOnlyView() ([]byte, error)     { return nil, errNoCOW }
func reserveMemory(uint64) (*cowMemory, error)          { return nil, errNoCOW }
func (m *cowMemory) mapImage(*cowImage) error           { return errNoCOW }
func (m *cowMemory) Reallocate(uint64) []byte           { return nil }
func (m *cowMemory) Free()                              {}
func unmapView([]byte)                                  {}

type cowMemory struct{ scratch []byte }

type memPool struct{}

func (p *memPool) get(int, *cowImage) (*cowMemory, bool, error) { return nil, false, errNoCOW }
func (p *memPool) close()                                       {}
func (p *memPool) trim(int)                                     {}
func (p *memPool) recycled() int                                { return 0 }
func (m *cowMemory) load([]byte) error                          { return errNoCOW }
func (m *cowMemory) reset([]byte) error                         { return errNoCOW }
