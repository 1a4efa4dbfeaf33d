package lessons

import (
	"os"
	"testing"
)

// BenchmarkLoad is the catalog's share of every `gocourse check`.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS("..")
	for i := 0; i < b.N; i++ {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
