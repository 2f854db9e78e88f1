package cfacts

import (
	"reflect"
	"sync"
)

// Clone returns a deep copy of f. A Document uses it to move the spans of
// the facts it holds through later edits without touching facts it has
// handed out (spliced facts share nested slices with earlier ones).
// Reflection keeps the copy complete as fact types grow new fields.
func (f *Facts) Clone() *Facts {
	if f == nil {
		return nil
	}
	out := new(Facts)
	deepCopy(reflect.ValueOf(out).Elem(), reflect.ValueOf(f).Elem())
	return out
}

// deepCopy copies src into dst (same type), duplicating slices and pointed-to
// values; strings are immutable and shared.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Struct:
		if !hasReferences(src.Type()) {
			dst.Set(src)
			return
		}
		for i := 0; i < src.NumField(); i++ {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if hasReferences(src.Type().Elem()) {
			for i := 0; i < src.Len(); i++ {
				deepCopy(s.Index(i), src.Index(i))
			}
		} else {
			reflect.Copy(s, src)
		}
		dst.Set(s)
	case reflect.Pointer:
		if src.IsNil() {
			dst.SetZero()
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	default:
		dst.Set(src)
	}
}

var referenceTypes sync.Map // reflect.Type -> bool

// hasReferences reports whether values of t hold slices or pointers, which
// a copy must duplicate rather than share.
func hasReferences(t reflect.Type) bool {
	if v, ok := referenceTypes.Load(t); ok {
		return v.(bool)
	}
	v := computeReferences(t)
	referenceTypes.Store(t, v)
	return v
}

func computeReferences(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Slice, reflect.Pointer, reflect.Map, reflect.Interface:
		return true
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if computeReferences(t.Field(i).Type) {
				return true
			}
		}
	case reflect.Array:
		return computeReferences(t.Elem())
	}
	return false
}
