package main

// Everything the peer has to say goes to stdout as one JSON object per line, so a test can wait
// on events by name; go-libp2p's own logging stays on stderr.

import (
	"encoding/json"
	"os"
	"sync"
	"time"
)

type reporter struct {
	mu  sync.Mutex
	enc *json.Encoder
}

func newReporter() *reporter {
	return &reporter{enc: json.NewEncoder(os.Stdout)}
}

// emit writes {"event": name, ...fields} as one line. Stream handlers run on their own
// goroutines, hence the lock.
func (r *reporter) emit(name string, fields map[string]any) {
	line := map[string]any{"event": name}
	for k, v := range fields {
		line[k] = v
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	// Stdout is a pipe the test reads; if it is gone there is nobody left to tell.
	_ = r.enc.Encode(line)
}

// fail reports an error at one stage of the run; the caller then exits non-zero.
func (r *reporter) fail(stage string, err error) {
	r.emit("error", map[string]any{"stage": stage, "message": err.Error()})
}

func millis(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}
