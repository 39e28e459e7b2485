package diag

import (
	"bytes"
	"encoding/gob"
)

// diagnosticGob is a Diagnostic with every field exported, for
// encoding/gob, which sees exported fields only: a diagnostic kept in the
// build cache must come back whole, its kind (what `check --format json`
// and the per-file limit group by) and its counts included.
type diagnosticGob struct {
	Pos                      Position
	Msg, Hint, Kind          string
	Severity                 Severity
	MoreErrors, MoreWarnings int
}

// GobEncode encodes the diagnostic with its unexported fields.
func (d Diagnostic) GobEncode() ([]byte, error) {
	var buf bytes.Buffer
	err := gob.NewEncoder(&buf).Encode(diagnosticGob{d.Pos, d.Msg, d.Hint, d.kind, d.Severity, d.moreErrors, d.moreWarnings})
	return buf.Bytes(), err
}

// GobDecode decodes what GobEncode encoded.
func (d *Diagnostic) GobDecode(data []byte) error {
	var g diagnosticGob
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&g); err != nil {
		return err
	}
	*d = Diagnostic{Pos: g.Pos, Msg: g.Msg, Hint: g.Hint, kind: g.Kind, Severity: g.Severity, moreErrors: g.MoreErrors, moreWarnings: g.MoreWarnings}
	return nil
}
