package main

// The JSON Schemas in docs/schema describe the front matter that
// generator/content decodes. These tests keep them honest: the keys of every
// table against the keys the decoder reads (found in its source) and the
// keys docs/content-format.md lists; the enumerations and ranges against
// the model; and, case by case, the schema's verdict against the loader's.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
)

// schema is a JSON Schema, or a part of one.
type schema = map[string]any

func loadSchema(t *testing.T, kind string) schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema", kind+".schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var s schema
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("%s.schema.json: %v", kind, err)
	}
	if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("%s.schema.json: $schema is %v, want draft 2020-12", kind, s["$schema"])
	}
	return s
}

// resolve follows a local "$ref": "#/$defs/name".
func resolve(root, s schema) schema {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		if !ok {
			panic("unsupported $ref " + ref)
		}
		s = root["$defs"].(schema)[name].(schema)
	}
}

// schemaTables lists the tables the schema describes by their path
// ("journey", "journey.stages", "journey.stages.touchpoints", …), each
// with its properties. An array of objects is a table of its own.
func schemaTables(root schema, name string) map[string]schema {
	out := map[string]schema{}
	var walk func(path string, s schema)
	walk = func(path string, s schema) {
		props := s["properties"].(schema)
		out[path] = props
		for key, p := range props {
			p := resolve(root, p.(schema))
			if p["type"] != "array" {
				continue
			}
			if items := resolve(root, p["items"].(schema)); items["type"] == "object" {
				walk(path+"."+key, items)
			}
		}
	}
	walk(name, root)
	return out
}

func keysOf(m schema) []string { return slices.Sorted(maps.Keys(m)) }

// decoderKeys reads generator/content's source and returns, for each table
// path, the keys the decoder asks tomldoc for: a call such as
// t.String("title") or refs.emotion(t, "emotion", …) on a table variable.
func decoderKeys(t *testing.T) map[string][]string {
	t.Helper()
	// The decoding functions, and the table each one's tomldoc.Table is.
	roots := map[string]string{"decodePersona": "persona", "decodeJourney": "journey", "decodeStage": "journey.stages"}
	accessors := []string{"String", "Strings", "Number", "Int", "Bool", "Date", "Table", "Tables", "StringMap", "Require"}
	files, err := filepath.Glob(filepath.Join("..", "..", "generator", "content", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("generator/content: %v", err)
	}
	keys := map[string]map[string]bool{}
	add := func(path, key string) {
		if keys[path] == nil {
			keys[path] = map[string]bool{}
		}
		keys[path][key] = true
	}
	lit := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	found := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || roots[fn.Name.Name] == "" {
				continue
			}
			vars := map[string]string{} // table variables and their paths
			for _, field := range fn.Type.Params.List {
				if sel, ok := field.Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "Table" {
					vars[field.Names[0].Name] = roots[fn.Name.Name]
				}
			}
			if len(vars) == 0 {
				t.Fatalf("%s has no tomldoc.Table parameter", fn.Name.Name)
			}
			found[fn.Name.Name] = true
			// method returns the path and key of recv.Method("key"), when
			// recv is a table variable and Method one of names.
			method := func(e ast.Expr, names ...string) (string, string, bool) {
				call, ok := e.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return "", "", false
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !slices.Contains(names, sel.Sel.Name) {
					return "", "", false
				}
				recv, ok := sel.X.(*ast.Ident)
				key, isLit := lit(call.Args[0])
				if !ok || vars[recv.Name] == "" || !isLit {
					return "", "", false
				}
				return vars[recv.Name], key, true
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.RangeStmt: // for _, tt := range t.Tables("touchpoints")
					if path, key, ok := method(n.X, "Tables"); ok {
						if v, ok := n.Value.(*ast.Ident); ok {
							vars[v.Name] = path + "." + key
						}
					}
				case *ast.AssignStmt: // sub, ok := t.Table("key")
					if len(n.Rhs) == 1 {
						if path, key, ok := method(n.Rhs[0], "Table"); ok {
							if v, ok := n.Lhs[0].(*ast.Ident); ok {
								vars[v.Name] = path + "." + key
							}
						}
					}
				case *ast.CallExpr:
					if path, key, ok := method(n, accessors...); ok {
						add(path, key)
					}
					// A helper of the package given a table and a key:
					// oneOf(t, "state", …), refs.emotion(t, "emotion", …).
					_, isFunc := n.Fun.(*ast.Ident)
					_, isMethod := n.Fun.(*ast.SelectorExpr)
					if (isFunc || isMethod) && len(n.Args) >= 2 {
						recv, ok := n.Args[0].(*ast.Ident)
						if key, isLit := lit(n.Args[1]); ok && isLit && vars[recv.Name] != "" {
							add(vars[recv.Name], key)
						}
					}
				}
				return true
			})
		}
	}
	for name := range roots {
		if !found[name] {
			t.Fatalf("generator/content has no func %s any more: update decoderKeys to the decoder's new shape", name)
		}
	}
	out := map[string][]string{}
	for path, set := range keys {
		out[path] = slices.Sorted(maps.Keys(set))
	}
	return out
}

func TestSchemaKeysMatchDecoder(t *testing.T) {
	tables := map[string]schema{}
	for _, kind := range []string{"journey", "persona"} {
		maps.Copy(tables, schemaTables(loadSchema(t, kind), kind))
	}
	decoded := decoderKeys(t)
	for _, path := range []string{"persona", "journey", "journey.stages", "journey.stages.touchpoints", "journey.stages.evidence"} {
		if tables[path] == nil || decoded[path] == nil {
			t.Fatalf("%s: schema has %v, decoder reads %v", path, keysOf(tables[path]), decoded[path])
		}
	}
	for path, props := range tables {
		got, want := keysOf(props), decoded[path]
		if !slices.Equal(got, want) {
			t.Errorf("[%s]: the schema has\n\t%v\nthe decoder reads\n\t%v", path, got, want)
		}
	}
	for path := range decoded {
		if tables[path] == nil {
			t.Errorf("the decoder reads a table %s that the schema lacks", path)
		}
	}
}

// docKeys reads docs/content-format.md: the "Keys at a glance" table, by
// table path, with each key's type as written there; and the persona keys
// from the persona example.
func docKeys(t *testing.T) (types map[string]map[string]string, persona []string, text string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "content-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	text = string(data)
	paths := map[string]string{"journey": "journey", "stage": "journey.stages", "step": "journey.stages.steps", "touchpoint": "journey.stages.touchpoints", "evidence": "journey.stages.evidence"}
	_, glance, ok := strings.Cut(text, "### Keys at a glance")
	if !ok {
		t.Fatal(`docs/content-format.md has no "### Keys at a glance"`)
	}
	types = map[string]map[string]string{}
	code := regexp.MustCompile("`([^`]+)`")
	for _, line := range strings.Split(glance, "\n") {
		if strings.HasPrefix(line, "## ") {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.Contains(cells[1], "`") {
			continue
		}
		for _, where := range strings.Split(cells[2], ",") {
			path := paths[strings.TrimSpace(where)]
			if path == "" {
				t.Fatalf("Keys at a glance: unknown table %q in %q", where, line)
			}
			if types[path] == nil {
				types[path] = map[string]string{}
			}
			for _, m := range code.FindAllStringSubmatch(cells[1], -1) {
				types[path][m[1]] = strings.TrimSpace(cells[3])
			}
		}
	}
	_, personas, ok := strings.Cut(text, "## Personas")
	if !ok {
		t.Fatal(`docs/content-format.md has no "## Personas"`)
	}
	_, block, _ := strings.Cut(personas, "+++\n")
	block, _, _ = strings.Cut(block, "+++\n")
	key := regexp.MustCompile(`^([a-z_]+)\s*=`)
	table := regexp.MustCompile(`^\[([a-z_]+)\]`)
	for _, line := range strings.Split(block, "\n") {
		if m := table.FindStringSubmatch(line); m != nil {
			persona = append(persona, m[1])
			break // free keys follow
		}
		if m := key.FindStringSubmatch(line); m != nil {
			persona = append(persona, m[1])
		}
	}
	slices.Sort(persona)
	return types, persona, text
}

// docType is how "Keys at a glance" writes the type of a schema property.
func docType(root, p schema) string {
	p = resolve(root, p)
	switch {
	case p["oneOf"] != nil && resolve(root, p["oneOf"].([]any)[0].(schema))["type"] == "number":
		return "number or table" // emotion: one value, or one per persona
	case p["oneOf"] != nil:
		return "list of strings"
	case p["enum"] != nil:
		return "string"
	case p["format"] == "date":
		return "date"
	}
	return map[string]string{"string": "string", "number": "number", "integer": "integer", "boolean": "boolean"}[p["type"].(string)]
}

func TestSchemaKeysMatchDoc(t *testing.T) {
	doc, persona, text := docKeys(t)
	journey := loadSchema(t, "journey")
	for path, props := range schemaTables(journey, "journey") {
		var keys []string
		for key, p := range props {
			p := resolve(journey, p.(schema))
			if p["type"] == "array" && resolve(journey, p["items"].(schema))["type"] == "object" {
				// Tables are sections, not rows of the table: the doc
				// shows them as [[stages]] and [[stages.touchpoints]].
				header := "[[" + strings.TrimPrefix(path+"."+key, "journey.") + "]]"
				if !strings.Contains(text, header) {
					t.Errorf("docs/content-format.md never shows %s", header)
				}
				continue
			}
			keys = append(keys, key)
			if got, want := docType(journey, p), doc[path][key]; want != "" && got != want {
				t.Errorf("[%s] %s: the schema's type is %q, the doc's %q", path, key, got, want)
			}
		}
		slices.Sort(keys)
		if want := slices.Sorted(maps.Keys(doc[path])); !slices.Equal(keys, want) {
			t.Errorf("[%s]: the schema has\n\t%v\nKeys at a glance has\n\t%v", path, keys, want)
		}
	}
	if got := keysOf(schemaTables(loadSchema(t, "persona"), "persona")["persona"]); !slices.Equal(got, persona) {
		t.Errorf("persona: the schema has\n\t%v\nthe doc's persona example has\n\t%v", got, persona)
	}
}

func TestSchemaMatchesModel(t *testing.T) {
	journey := loadSchema(t, "journey")
	tables := schemaTables(journey, "journey")
	enum := func(path, key string) []string {
		var out []string
		for _, v := range resolve(journey, tables[path][key].(schema))["enum"].([]any) {
			out = append(out, v.(string))
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		path, key string
		values    []string
	}{
		{"journey", "state", content.States},
		{"journey", "type", content.JourneyTypes},
		{"journey", "status", content.Statuses},
		{"journey.stages.evidence", "kind", content.EvidenceKinds},
	} {
		if got, want := enum(tc.path, tc.key), slices.Sorted(slices.Values(tc.values)); !slices.Equal(got, want) {
			t.Errorf("[%s] %s: the schema allows %v, the model %v", tc.path, tc.key, got, want)
		}
	}
	for _, path := range []string{"journey.stages", "journey.stages.touchpoints"} {
		e := resolve(journey, tables[path]["emotion"].(schema))
		if branches, ok := e["oneOf"].([]any); ok && len(branches) == 2 {
			// One value, or a table of persona slugs to values: both in range.
			perPersona := resolve(journey, branches[1].(schema))["additionalProperties"].(schema)
			if one := resolve(journey, branches[0].(schema)); !reflect.DeepEqual(one, resolve(journey, perPersona)) {
				t.Errorf("[%s] emotion: a value per persona is %v, one value %v", path, perPersona, one)
			}
			e = resolve(journey, branches[0].(schema))
		}
		if e["minimum"] != json.Number(strconv.Itoa(content.MinEmotion)) || e["maximum"] != json.Number(strconv.Itoa(content.MaxEmotion)) {
			t.Errorf("[%s] emotion: %v … %v, want %d … %d", path, e["minimum"], e["maximum"], content.MinEmotion, content.MaxEmotion)
		}
	}
	if got := tables["journey"]["state"].(schema)["default"]; got != content.States[0] {
		t.Errorf("state defaults to %v, want %s", got, content.States[0])
	}
	if got := tables["journey"]["status"].(schema)["default"]; got != content.Statuses[0] {
		t.Errorf("status defaults to %v, want %s", got, content.Statuses[0])
	}

	// The slug pattern says what slug.Valid says.
	id := resolve(journey, tables["journey.stages"]["id"].(schema))
	re := regexp.MustCompile(id["pattern"].(string))
	for _, s := range []string{
		"research", "step-2", "2024", "café-crème", "σοφία", "購入-手続き", "cafe\u0301-run", "हिन्दी-सेवा", "٣-steps",
		"", "Research", "a--b", "-a", "a-", "a b", "a_b", "\u0301a", "a-\u0301b", "🚲", "a.b",
	} {
		if got, want := re.MatchString(s), slug.Valid(s); got != want {
			t.Errorf("slug pattern matches %q: %v; slug.Valid: %v", s, got, want)
		}
	}
}

// A tomlDate is a TOML date: a string to the schema (JSON has no dates),
// written without quotes in TOML.
type tomlDate string

// example builds a value for s from the examples in the schema: every key,
// and one element in every list of tables.
func example(t *testing.T, root, s schema, path string) any {
	s = resolve(root, s)
	if s["type"] == "object" && s["properties"] != nil {
		out := map[string]any{}
		for key, p := range s["properties"].(schema) {
			out[key] = example(t, root, p.(schema), path+"."+key)
		}
		return out
	}
	if s["type"] == "array" && resolve(root, s["items"].(schema))["type"] == "object" {
		return []any{example(t, root, s["items"].(schema), path)}
	}
	ex, ok := s["examples"].([]any)
	if !ok || len(ex) == 0 {
		t.Fatalf("%s has no example", path)
	}
	if s["format"] == "date" {
		return tomlDate(ex[0].(string))
	}
	return fromJSON(ex[0])
}

// fromJSON turns decoded JSON into the values TOML has: int64 or float64.
func fromJSON(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = fromJSON(e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = fromJSON(e)
		}
		return out
	}
	return v
}

// validate checks v against s, a small JSON Schema validator: the keywords
// the schemas use, and a failure for any other, so that a new keyword
// cannot slip into a schema untested.
func validate(root, s schema, v any, at string) []string {
	s = resolve(root, s)
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	for kw := range s {
		switch kw {
		case "$schema", "$defs", "title", "description", "examples", "default",
			"type", "enum", "minimum", "maximum", "minItems", "pattern", "format",
			"required", "properties", "additionalProperties", "items", "oneOf":
		default:
			fail("the validator does not know the keyword %q", kw)
		}
	}
	if typ, ok := s["type"].(string); ok && !hasType(v, typ) {
		fail("%v is not of type %s", v, typ)
		return errs
	}
	if e, ok := s["enum"].([]any); ok && !slices.Contains(e, v) {
		fail("%v is not one of %v", v, e)
	}
	if n, ok := number(v); ok {
		if m, ok := s["minimum"].(json.Number); ok {
			if f, _ := m.Float64(); n < f {
				fail("%v < %v", n, f)
			}
		}
		if m, ok := s["maximum"].(json.Number); ok {
			if f, _ := m.Float64(); n > f {
				fail("%v > %v", n, f)
			}
		}
	}
	if str, ok := stringOf(v); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
		if s["format"] == "date" {
			if _, err := time.Parse(time.DateOnly, str); err != nil {
				fail("%q is not a date", str)
			}
		}
	}
	if list, ok := v.([]any); ok {
		if m, ok := s["minItems"].(json.Number); ok {
			if n, _ := m.Int64(); int64(len(list)) < n {
				fail("fewer than %d items", n)
			}
		}
		if items, ok := s["items"].(schema); ok {
			for i, e := range list {
				errs = append(errs, validate(root, items, e, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		required, _ := s["required"].([]any)
		for _, r := range required {
			if _, ok := obj[r.(string)]; !ok {
				fail("missing %s", r)
			}
		}
		props, _ := s["properties"].(schema)
		for key, e := range obj {
			switch p, ok := props[key].(schema); {
			case ok:
				errs = append(errs, validate(root, p, e, at+"."+key)...)
			case s["additionalProperties"] == false:
				fail("unknown key %s", key)
			default:
				if extra, ok := s["additionalProperties"].(schema); ok {
					errs = append(errs, validate(root, extra, e, at+"."+key)...)
				}
			}
		}
	}
	if branches, ok := s["oneOf"].([]any); ok {
		matched := 0
		for _, b := range branches {
			if len(validate(root, b.(schema), v, at)) == 0 {
				matched++
			}
		}
		if matched != 1 {
			fail("%v matches %d of oneOf, not 1", v, matched)
		}
	}
	return errs
}

func hasType(v any, typ string) bool {
	switch typ {
	case "string":
		_, ok := stringOf(v)
		return ok
	case "number":
		_, ok := number(v)
		return ok
	case "integer":
		n, ok := number(v)
		return ok && n == math.Trunc(n)
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	panic("unknown type " + typ)
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

func stringOf(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case tomlDate:
		return string(v), true
	}
	return "", false
}

// encodeTOML writes front matter: plain keys first, then [tables], then
// [[arrays of tables]], each under its full path.
func encodeTOML(b *strings.Builder, m map[string]any, path string) {
	var tables, arrays []string
	for _, key := range slices.Sorted(maps.Keys(m)) {
		switch v := m[key].(type) {
		case map[string]any:
			tables = append(tables, key)
		case []any:
			if len(v) > 0 && isTable(v[0]) {
				arrays = append(arrays, key)
				continue
			}
			fmt.Fprintf(b, "%s = %s\n", key, tomlValue(v))
		default:
			fmt.Fprintf(b, "%s = %s\n", key, tomlValue(v))
		}
	}
	for _, key := range tables {
		fmt.Fprintf(b, "\n[%s]\n", path+key)
		encodeTOML(b, m[key].(map[string]any), path+key+".")
	}
	for _, key := range arrays {
		for _, e := range m[key].([]any) {
			fmt.Fprintf(b, "\n[[%s]]\n", path+key)
			encodeTOML(b, e.(map[string]any), path+key+".")
		}
	}
}

func isTable(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

func tomlValue(v any) string {
	switch v := v.(type) {
	case string:
		return tomldoc.Quote(v)
	case tomlDate:
		return string(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0" // a float, as TOML reads it
		}
		return s
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = tomlValue(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic(fmt.Sprintf("no TOML for %T", v))
}

// clone copies a value built by example, deeply.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = clone(e)
		}
		return out
	}
	return v
}

// at returns the table at a path of keys and list indexes: "stages", 0,
// "touchpoints", 0.
func at(doc map[string]any, path ...any) map[string]any {
	var cur any = doc
	for _, p := range path {
		switch p := p.(type) {
		case string:
			cur = cur.(map[string]any)[p]
		case int:
			cur = cur.([]any)[p]
		}
	}
	return cur.(map[string]any)
}

// loaderSite is a site for the example values to refer to: the channels,
// persona, parent journey and photo that the schemas' examples name.
func loaderSite() fstest.MapFS {
	return fstest.MapFS{
		"site.toml": {Data: []byte("title = \"T\"\n\n" +
			"[[channels]]\nid = \"web\"\nname = \"Website\"\nkind = \"digital\"\n\n" +
			"[[channels]]\nid = \"app\"\nname = \"App\"\nkind = \"digital\"\n")},
		"content/personas/dana-ortiz.md":    {Data: []byte("+++\nname = \"Dana Ortiz\"\n+++\n")},
		"content/journeys/buying-a-bike.md": {Data: []byte("+++\ntitle = \"Buying a bike\"\n\n[[stages]]\nname = \"Look\"\n+++\n")},
		"static/img/dana.jpg":               {Data: []byte("jpeg")},
	}
}

// load writes doc as the front matter of a file of the given kind and
// returns the loader's problems.
func load(t *testing.T, kind string, doc map[string]any) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("+++\n")
	encodeTOML(&b, doc, "")
	b.WriteString("+++\n\nBody.\n")
	fsys := loaderSite()
	fsys["content/"+kind+"s/under-test.md"] = &fstest.MapFile{Data: []byte(b.String())}
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	_, errs = content.Load(fsys, cfg, content.Options{Drafts: true})
	if len(errs) == 0 {
		return ""
	}
	return errs.Format() + "in:\n" + b.String()
}

// TestSchemaAgreesWithLoader gives the same front matter to the schema
// and to the loader, and expects the same verdict; except for the rules
// that a schema cannot express, which it names.
func TestSchemaAgreesWithLoader(t *testing.T) {
	if problems := load(t, "journey", map[string]any{"title": "Sanity", "stages": []any{map[string]any{"name": "A"}}}); problems != "" {
		t.Fatalf("the base site has problems:\n%s", problems)
	}
	type edit func(doc map[string]any)
	set := func(value any, path ...any) edit {
		return func(doc map[string]any) {
			table, key := at(doc, path[:len(path)-1]...), path[len(path)-1].(string)
			table[key] = value
		}
	}
	del := func(path ...any) edit {
		return func(doc map[string]any) {
			delete(at(doc, path[:len(path)-1]...), path[len(path)-1].(string))
		}
	}
	const (
		agree = iota // both accept, or both reject
		gap          // the schema accepts; only waymark check can tell
	)
	for _, kind := range []string{"journey", "persona"} {
		root := loadSchema(t, kind)
		full := example(t, root, root, kind).(map[string]any)
		// current is valid only on a future-state map: the cases below
		// add it where it belongs.
		delete(full, "current")
		type tc struct {
			name  string
			edits []edit
			valid bool
			how   int
		}
		var cases []tc
		ok := func(name string, edits ...edit) { cases = append(cases, tc{name, edits, true, agree}) }
		bad := func(name string, edits ...edit) { cases = append(cases, tc{name, edits, false, agree}) }
		schemaOnlyAccepts := func(name string, edits ...edit) { cases = append(cases, tc{name, edits, false, gap}) }

		ok("every key, from the examples")
		switch kind {
		case "journey":
			st, tp, ev := []any{"stages", 0}, []any{"stages", 0, "touchpoints", 0}, []any{"stages", 0, "evidence", 0}
			in := func(table []any, key ...any) []any { return append(slices.Clone(table), key...) }
			ok("the least", func(doc map[string]any) {
				clear(doc)
				doc["title"] = "T"
				doc["stages"] = []any{map[string]any{"name": "A"}}
			})
			ok("no stages in the list", set([]any{}, "stages"))
			for _, v := range content.States {
				ok("state "+v, set(v, "state"))
			}
			for _, v := range content.JourneyTypes {
				ok("type "+v, set(v, "type"))
			}
			for _, v := range content.Statuses {
				ok("status "+v, set(v, "status"))
			}
			for _, v := range content.EvidenceKinds {
				ok("kind "+v, set(v, in(ev, "kind")...))
			}
			ok("emotion -2", set(int64(-2), in(st, "emotion")...))
			ok("emotion 2", set(int64(2), in(st, "emotion")...))
			ok("emotion 1.5", set(1.5, in(st, "emotion")...))
			ok("touchpoint emotion -0.5", set(-0.5, in(tp, "emotion")...))
			ok("a list as one string", set("Reads reviews", in(st, "doing")...), set("dana-ortiz", "personas"), set("web", in(tp, "channels")...))
			ok("n 1", set(int64(1), in(ev, "n")...))
			ok("a stage id with accents", set("café", in(st, "id")...))
			ok("empty lists and strings", set([]any{}, "tags"), set("", "summary"), set([]any{}, in(st, "kpis")...))

			bad("no title", del("title"))
			bad("a blank title", set("  ", "title"))
			bad("a title that is a number", set(int64(1), "title"))
			bad("no stages", del("stages"))
			bad("an unknown key", set("x", "pain_point"))
			bad("an unknown key in a stage", set("x", in(st, "pain_point")...))
			bad("an unknown key in a touchpoint", set([]any{"web"}, in(tp, "chanels")...))
			bad("an unknown key in evidence", set(int64(3), in(ev, "size")...))
			bad("state later", set("later", "state"))
			bad("type strategy", set("strategy", "type"))
			bad("status publish", set("publish", "status"))
			bad("kind focus-group", set("focus-group", in(ev, "kind")...))
			bad("emotion 3", set(int64(3), in(st, "emotion")...))
			bad("emotion -2.5", set(-2.5, in(tp, "emotion")...))
			bad("emotion high", set("high", in(st, "emotion")...))
			bad("n 0", set(int64(0), in(ev, "n")...))
			bad("n 1.5", set(1.5, in(ev, "n")...))
			bad("moment_of_truth yes", set("yes", in(st, "moment_of_truth")...))
			bad("a touchpoint without channels", del(in(tp, "channels")...))
			bad("a touchpoint with an empty list of channels", set([]any{}, in(tp, "channels")...))
			bad("a touchpoint without a name", del(in(tp, "name")...))
			bad("evidence without a kind", del(in(ev, "kind")...))
			bad("a stage without a name", del(in(st, "name")...))
			bad("a blank stage name", set(" ", in(st, "name")...))
			bad("a list with a number", set([]any{int64(1)}, in(st, "doing")...))
			bad("tags a number", set(int64(5), "tags"))
			bad("a stage id that is not a slug", set("Research", in(st, "id")...))
			bad("a stage id with a double hyphen", set("a--b", in(st, "id")...))
			bad("updated a word", set("yesterday", "updated"))
			bad("updated a number", set(int64(5), "updated"))
			bad("version a number", set(2.1, "version"))
			bad("a persona's name instead of its slug", set([]any{"Dana Ortiz"}, "personas"))

			schemaOnlyAccepts("updated a date in quotes", set("2026-10-01", "updated"))
			schemaOnlyAccepts("a javascript: url", set("javascript:alert(1)", in(ev, "url")...))
			schemaOnlyAccepts("an unknown persona", set([]any{"nobody"}, "personas"))
			schemaOnlyAccepts("an unknown channel", set([]any{"fax"}, in(tp, "channels")...))
			schemaOnlyAccepts("an unknown parent", set("nowhere", "parent"))
			schemaOnlyAccepts("n 1.0, a float", set(1.0, in(ev, "n")...))
			schemaOnlyAccepts("two stages with one id", func(doc map[string]any) {
				doc["stages"] = append(doc["stages"].([]any), map[string]any{"name": "Another", "id": at(doc, st...)["id"]})
			})
			schemaOnlyAccepts("a stage name with no letters", del(in(st, "id")...), set("!!!", in(st, "name")...))

			// One curve per persona, and a future state against its current one.
			ok("emotion per persona", set(map[string]any{"dana-ortiz": int64(-1)}, in(st, "emotion")...), set(map[string]any{"dana-ortiz": 1.5}, in(tp, "emotion")...))
			ok("a future state naming its current state", set("future", "state"), set("buying-a-bike", "current"))
			bad("emotion per persona out of range", set(map[string]any{"dana-ortiz": int64(3)}, in(st, "emotion")...))
			bad("emotion per persona in words", set(map[string]any{"dana-ortiz": "high"}, in(tp, "emotion")...))
			bad("current a list", set("future", "state"), set([]any{"buying-a-bike"}, "current"))
			schemaOnlyAccepts("emotion for a persona not in the journey", set(map[string]any{"sam-lee": int64(1)}, in(st, "emotion")...))
			schemaOnlyAccepts("an empty emotion table", set(map[string]any{}, in(st, "emotion")...))
			schemaOnlyAccepts("current on a current-state map", set("buying-a-bike", "current"))
			schemaOnlyAccepts("an unknown current map", set("future", "state"), set("nowhere", "current"))

		case "persona":
			ok("the least", func(doc map[string]any) { clear(doc); doc["name"] = "P" })
			ok("lists as one string", set("Stay fit", "goals"), set("web", "channels"), set("x", "tags"))
			ok("no demographics", set(map[string]any{}, "demographics"))
			bad("no name", del("name"))
			bad("a blank name", set("", "name"))
			bad("an unknown key", set("x", "pain_point"))
			bad("behaviours, British", set([]any{"x"}, "behaviours"))
			bad("a demographic that is a number", set(map[string]any{"age": int64(34)}, "demographics"))
			bad("demographics a string", set("34, nurse", "demographics"))
			bad("goals a number", set(int64(1), "goals"))
			bad("a channel that is not a slug", set([]any{"Web"}, "channels"))
			schemaOnlyAccepts("an unknown channel", set([]any{"fax"}, "channels"))
			schemaOnlyAccepts("a mailto: photo", set("mailto:dana@example.com", "photo"))
			schemaOnlyAccepts("a photo not in static/", set("img/nobody.jpg", "photo"))
		}

		for _, c := range cases {
			t.Run(kind+"/"+c.name, func(t *testing.T) {
				doc := clone(full).(map[string]any)
				for _, e := range c.edits {
					e(doc)
				}
				schemaErrs := validate(root, root, doc, kind)
				problems := load(t, kind, doc)
				switch {
				case c.how == gap:
					if len(schemaErrs) > 0 {
						t.Errorf("the schema rejects it, and is named as accepting it:\n%s", strings.Join(schemaErrs, "\n"))
					}
					if problems == "" {
						t.Errorf("the loader accepts it")
					}
				case c.valid:
					if len(schemaErrs) > 0 {
						t.Errorf("the schema rejects it:\n%s", strings.Join(schemaErrs, "\n"))
					}
					if problems != "" {
						t.Errorf("the loader rejects it:\n%s", problems)
					}
				default:
					if len(schemaErrs) == 0 {
						t.Errorf("the schema accepts it; the loader says:\n%s", problems)
					}
					if problems == "" {
						t.Errorf("the loader accepts it; the schema says:\n%s", strings.Join(schemaErrs, "\n"))
					}
				}
			})
		}
	}
}
