package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"go.lsp.dev/jsonrpc2"
)

// JSON-RPC 2.0 error codes for messages answered here.
const (
	ParseError     = -32700
	InvalidRequest = -32600
)

// Verdict is what becomes of one message body: Forward goes on to the
// library, Reply back to the client; either may be nil.
type Verdict struct {
	Forward []byte
	Reply   []byte
	Code    int
	Reason  string
}

// Check validates one message body: valid JSON with nothing after it, an
// object or a non-empty batch array; in an object "jsonrpc" is "2.0", an id
// is absent, a string, an integer or null, a method is a string, params are
// structured, and an object without a method is a response with exactly one
// of result and error. Whatever go.lsp.dev/jsonrpc2 would still refuse is
// answered too, so the library never sees a message it cannot decode.
func Check(body []byte) Verdict {
	if !json.Valid(body) {
		return Verdict{Reply: errorReply(nil, ParseError, "parse error: the body is not one JSON value"), Code: ParseError, Reason: "not JSON"}
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch trimmed[0] {
	case '[':
		var members []json.RawMessage
		_ = json.Unmarshal(body, &members)
		if len(members) == 0 {
			return invalid(nil, "an empty batch")
		}
		// The library answers each malformed member of a batch itself.
		if _, err := jsonrpc2.ParseRequests(body); err != nil {
			return invalid(nil, "a batch the library cannot read: "+err.Error())
		}
		return Verdict{Forward: body}
	case '{':
		return checkObject(body)
	}
	return invalid(nil, "expected a request object or a batch array")
}

func checkObject(body []byte) Verdict {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return invalid(nil, err.Error())
	}
	id, idSet := m["id"]
	idOK := !idSet || isNull(id) || isString(id) || isInteger(id)
	// usable is the id an error reply can carry: the client may be
	// waiting on it.
	var usable json.RawMessage
	if idSet && !isNull(id) && idOK {
		usable = id
	}
	_, hasResult := m["result"]
	errObj, hasError := m["error"]
	method, hasMethod := m["method"]

	if !hasMethod {
		v := checkResponse(body, m, idSet, idOK, hasResult, hasError, errObj)
		if v.Reply != nil && usable != nil {
			// The server's own call with that id must not wait forever:
			// hand the library an error response in its place.
			v.Forward = errorReply(usable, int64(jsonrpc2.InternalError), "hpyls: the client answered with a malformed response: "+v.Reason)
		}
		return v
	}
	switch {
	case !idOK:
		return invalid(nil, "id must be a string, an integer or null, got "+clip(id))
	case !isVersion2(m):
		return invalid(usable, `"jsonrpc" must be "2.0"`)
	case !isString(method):
		return invalid(usable, "method must be a string, got "+clip(method))
	case hasResult || hasError:
		return invalid(usable, "a request carries no result or error")
	}
	if p, ok := m["params"]; ok && !isNull(p) && p[0] != '{' && p[0] != '[' {
		return invalid(usable, "params must be an object or an array, got "+clip(p))
	}
	if _, err := jsonrpc2.DecodeMessage(body); err != nil {
		return invalid(usable, "a request the library cannot read: "+err.Error())
	}
	return Verdict{Forward: body}
}

func checkResponse(body []byte, m map[string]json.RawMessage, idSet, idOK, hasResult, hasError bool, errObj json.RawMessage) Verdict {
	switch {
	case !idSet && !hasResult && !hasError:
		return invalid(nil, "neither a method nor an id")
	case !idOK:
		return invalid(nil, "id must be a string, an integer or null")
	case !isVersion2(m):
		return invalid(nil, `"jsonrpc" must be "2.0"`)
	case hasResult == hasError:
		return invalid(nil, "a response carries exactly one of result and error")
	case hasError:
		var e struct {
			Code    *json.Number `json:"code"`
			Message *string      `json:"message"`
		}
		if json.Unmarshal(errObj, &e) != nil || e.Code == nil || e.Message == nil || !isInteger(json.RawMessage(*e.Code)) {
			return invalid(nil, "error must be an object with an integer code and a string message")
		}
	}
	if _, err := jsonrpc2.DecodeMessage(body); err != nil {
		return invalid(nil, "a response the library cannot read: "+err.Error())
	}
	return Verdict{Forward: body}
}

func invalid(id json.RawMessage, reason string) Verdict {
	return Verdict{Reply: errorReply(id, InvalidRequest, "invalid request: "+reason), Code: InvalidRequest, Reason: reason}
}

// errorReply is a JSON-RPC error response; a nil id is written as null.
func errorReply(id json.RawMessage, code int64, message string) []byte {
	if id == nil {
		id = json.RawMessage("null")
	}
	msg, _ := json.Marshal(message)
	return []byte(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"error":{"code":%d,"message":%s}}`, id, code, msg))
}

func isVersion2(m map[string]json.RawMessage) bool {
	var v string
	return json.Unmarshal(m["jsonrpc"], &v) == nil && v == "2.0"
}

func isNull(v json.RawMessage) bool { return string(v) == "null" }

func isString(v json.RawMessage) bool {
	var s string
	return len(v) > 0 && v[0] == '"' && json.Unmarshal(v, &s) == nil
}

// isInteger accepts what fits an int64 and is written without a fraction
// or an exponent.
func isInteger(v json.RawMessage) bool {
	_, err := strconv.ParseInt(string(v), 10, 64)
	return err == nil
}
