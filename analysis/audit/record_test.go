package audit

import (
	"crypto/sha256"
	"encoding/base64"
)

// recordHash is a RECORD file's hash: urlsafe base64 of the SHA-256,
// without padding.
func recordHash(data []byte) string {
	s := sha256.Sum256(data)
	return base64.RawURLEncoding.EncodeToString(s[:])
}
