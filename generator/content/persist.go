package content

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
)

// The stored form of a Cache, which Save writes and ReadCache reads: a
// line that names the format, the number of chunks, and each chunk's
// length, SHA-256 and bytes. A chunk is a gob stream of storedFiles. Chunks, rather
// than one stream, so that they are encoded and decoded on every core;
// rather than one stream per file, so that gob's description of the types
// is sent once per chunk and not ten thousand times.
const (
	storeMagic = "waymark decoded files 2\n"
	// storeChunks is how many chunks a store is cut into, at most.
	storeChunks = 64
)

// storedFile is one decoded file as stored: the persona or journey with
// every pointer to another object left out (gob cannot store a cycle,
// such as a stage's journey), and what those pointers pointed at written
// as names and places, to be linked again by restore.
type storedFile struct {
	File string
	Hash Hash

	Persona         *Persona
	PersonaChannels []string // channel ids

	Journey            *Journey
	TouchpointChannels [][][]string // by stage, then touchpoint: channel ids
	// UpdatedZone is the name of the journey's updated date's time zone,
	// which gob does not keep: TOML's local dates have one of their own.
	UpdatedZone string
	Refs        storedRefs

	Errs     diag.List
	Warnings diag.List
	At       diag.Position
}

type storedRefs struct {
	Personas        []storedRef
	Parent, Current storedRef
	Emotions        []storedEmotions
	Steps           []storedSteps
}

type storedRef struct {
	Slug string
	Pos  diag.Position
}

func storeRef(r ref) storedRef { return storedRef{r.slug, r.pos} }
func (r storedRef) ref() ref   { return ref{r.Slug, r.Pos} }

// storedEmotions is a personaEmotions whose target is the emotion of
// stage Stage itself (Kind emotionOfStage), or of its step or touchpoint
// Index.
type storedEmotions struct {
	Stage, Kind, Index int
	Entries            []storedEmotion
}

const (
	emotionOfStage = iota
	emotionOfStep
	emotionOfTouchpoint
)

type storedEmotion struct {
	Ref   storedRef
	Value float64
}

type storedSteps struct {
	Stage, Step int
	Refs        []storedRef
}

// storedChunk is a chunk as ReadCache read it: the files it holds, with
// their hashes, and its bytes and checksum.
type storedChunk struct {
	files    []string
	hashes   []Hash
	raw, sum []byte
}

// holds reports whether the chunk holds exactly files, as they are now.
func (ch storedChunk) holds(files []*storedFile) bool {
	if len(ch.files) != len(files) {
		return false
	}
	for i, f := range files {
		if ch.files[i] != f.File || ch.hashes[i] != f.Hash {
			return false
		}
	}
	return true
}

// Changed reports whether Save would store anything other than what
// ReadCache read: a file was decoded, or a stored one was not used (it
// changed, or is gone).
func (c *Cache) Changed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed || len(c.fromStore) > 0
}

// Save writes the decoded personas and journeys of the last Load, for a
// later run's ReadCache. It must not run while a Load does.
func (c *Cache) Save(w io.Writer) error {
	c.mu.Lock()
	var files []*storedFile
	for file, e := range c.files {
		if stored(file) && e.d != nil && e.hash != (Hash{}) {
			files = append(files, store(file, e))
		}
	}
	read := c.chunks
	c.mu.Unlock()
	slices.SortFunc(files, func(a, b *storedFile) int { return strings.Compare(a.File, b.File) })

	size := max(1, (len(files)+storeChunks-1)/storeChunks)
	chunks := make([][]byte, 0, storeChunks)
	sums := make([][]byte, 0, storeChunks)
	for i := 0; i < len(files); i += size {
		chunks = append(chunks, nil)
		sums = append(sums, nil)
	}
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range chunks {
		part := files[i*size : min(len(files), (i+1)*size)]
		if i < len(read) && read[i].holds(part) {
			chunks[i], sums[i] = read[i].raw, read[i].sum
			continue
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			var buf bytes.Buffer
			errs[i] = gob.NewEncoder(&buf).Encode(part)
			sum := sha256.Sum256(buf.Bytes())
			chunks[i], sums[i] = buf.Bytes(), sum[:]
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(storeMagic)
	bw.Write(binary.AppendUvarint(nil, uint64(len(chunks))))
	for i, ch := range chunks {
		bw.Write(binary.AppendUvarint(nil, uint64(len(ch))))
		bw.Write(sums[i])
		bw.Write(ch)
	}
	return bw.Flush()
}

// ReadCache returns a Cache that starts from what Save wrote. An error
// says the data is not such a store, or is damaged.
func ReadCache(data []byte) (*Cache, error) {
	rest, ok := bytes.CutPrefix(data, []byte(storeMagic))
	if !ok {
		return nil, errors.New("not a store of decoded files")
	}
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > storeChunks {
		return nil, errors.New("damaged: no chunk count")
	}
	rest = rest[k:]
	chunks := make([][]byte, n)
	sums := make([][]byte, n)
	for i := range chunks {
		size, k := binary.Uvarint(rest)
		if k <= 0 || size > uint64(len(rest)-k-sha256.Size) {
			return nil, fmt.Errorf("damaged: chunk %d is cut short", i+1)
		}
		rest = rest[k:]
		sums[i], rest = rest[:sha256.Size], rest[sha256.Size:]
		chunks[i], rest = rest[:size], rest[size:]
	}
	if len(rest) > 0 {
		return nil, errors.New("damaged: bytes after the last chunk")
	}
	decoded := make([][]*storedFile, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i := range chunks {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			// A checksum, as a flipped byte in a string would decode
			// into a page that says something else.
			if sum := sha256.Sum256(chunks[i]); !bytes.Equal(sum[:], sums[i]) {
				errs[i] = fmt.Errorf("chunk %d does not match its checksum", i+1)
				return
			}
			errs[i] = gob.NewDecoder(bytes.NewReader(chunks[i])).Decode(&decoded[i])
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("damaged: %v", err)
	}
	c := NewCache()
	c.fromStore = map[string]*storedFile{}
	c.chunks = make([]storedChunk, n)
	for i, files := range decoded {
		ch := storedChunk{files: make([]string, len(files)), hashes: make([]Hash, len(files)), raw: chunks[i], sum: sums[i]}
		for k, f := range files {
			c.fromStore[f.File] = f
			ch.files[k], ch.hashes[k] = f.File, f.Hash
		}
		c.chunks[i] = ch
	}
	return c, nil
}

// store makes the stored form of a cached file. It copies what it
// changes: the decoded objects are the site's, linked to each other.
func store(file string, e *entry) *storedFile {
	d := e.d
	s := &storedFile{File: file, Hash: e.hash, Errs: d.errs, Warnings: d.notes.warnings, At: d.notes.at}
	if d.persona != nil {
		p := *d.persona
		s.PersonaChannels = channelIDs(p.Channels)
		p.Channels, p.Journeys = nil, nil
		s.Persona = &p
	}
	if d.journey != nil {
		s.Journey, s.TouchpointChannels = storeJourney(d.journey)
		s.UpdatedZone, _ = d.journey.Updated.Zone()
		s.Refs = storeRefs(d.journey, d.refs)
	}
	return s
}

func storeJourney(orig *Journey) (*Journey, [][][]string) {
	j := *orig
	j.Personas, j.Parent, j.Current, j.Children, j.Futures, j.KPIFiles = nil, nil, nil, nil, nil, nil
	j.Stages = make([]*Stage, len(orig.Stages))
	channels := make([][][]string, len(orig.Stages))
	for i, os := range orig.Stages {
		s := *os
		s.Journey, s.Series = nil, nil
		s.Steps = make([]*Step, len(os.Steps))
		for k, ostep := range os.Steps {
			step := *ostep
			step.Stage, step.Personas = nil, nil
			s.Steps[k] = &step
		}
		s.Touchpoints = make([]*Touchpoint, len(os.Touchpoints))
		channels[i] = make([][]string, len(os.Touchpoints))
		for k, otp := range os.Touchpoints {
			tp := *otp
			channels[i][k] = channelIDs(tp.Channels)
			tp.Stage, tp.Channels = nil, nil
			s.Touchpoints[k] = &tp
		}
		j.Stages[i] = &s
	}
	return &j, channels
}

func storeRefs(j *Journey, refs journeyRefs) storedRefs {
	s := storedRefs{Parent: storeRef(refs.parent), Current: storeRef(refs.current)}
	for _, r := range refs.personas {
		s.Personas = append(s.Personas, storeRef(r))
	}
	for _, pe := range refs.emotions {
		se := storedEmotions{Stage: -1}
		for i, st := range j.Stages {
			if &st.Emotion == pe.target {
				se.Stage, se.Kind = i, emotionOfStage
			}
			for k, step := range st.Steps {
				if &step.Emotion == pe.target {
					se.Stage, se.Kind, se.Index = i, emotionOfStep, k
				}
			}
			for k, tp := range st.Touchpoints {
				if &tp.Emotion == pe.target {
					se.Stage, se.Kind, se.Index = i, emotionOfTouchpoint, k
				}
			}
		}
		for _, e := range pe.entries {
			se.Entries = append(se.Entries, storedEmotion{storeRef(e.ref), e.value})
		}
		s.Emotions = append(s.Emotions, se)
	}
	for _, sp := range refs.steps {
		ss := storedSteps{Stage: -1}
		for i, st := range j.Stages {
			if k := slices.Index(st.Steps, sp.target); k >= 0 {
				ss.Stage, ss.Step = i, k
			}
		}
		for _, r := range sp.refs {
			ss.Refs = append(ss.Refs, storeRef(r))
		}
		s.Steps = append(s.Steps, ss)
	}
	return s
}

// restore makes a decoded file of its stored form, linking what store
// wrote as names and places; nil when s is nil, or when it cannot be
// linked (a channel site.toml does not have, a place that is not
// there), and then the file is decoded afresh. It takes s's objects
// for the site's own: each stored file is restored once.
func (l *loader) restore(s *storedFile) *decoded {
	if s == nil {
		return nil
	}
	d := &decoded{errs: s.Errs, notes: fileNotes{warnings: s.Warnings, at: s.At}}
	if p := s.Persona; p != nil {
		var ok bool
		if p.Channels, ok = l.channelsOf(s.PersonaChannels); !ok {
			return nil
		}
		d.persona = p
	}
	if j := s.Journey; j != nil {
		if len(s.TouchpointChannels) != len(j.Stages) {
			return nil
		}
		if _, offset := j.Updated.Zone(); !j.Updated.IsZero() && j.Updated.Location() != time.UTC {
			j.Updated = j.Updated.In(time.FixedZone(s.UpdatedZone, offset))
		}
		for i, st := range j.Stages {
			st.Journey = j
			for _, step := range st.Steps {
				step.Stage = st
			}
			if len(s.TouchpointChannels[i]) != len(st.Touchpoints) {
				return nil
			}
			for k, tp := range st.Touchpoints {
				var ok bool
				tp.Stage = st
				if tp.Channels, ok = l.channelsOf(s.TouchpointChannels[i][k]); !ok {
					return nil
				}
			}
		}
		refs, ok := restoreRefs(j, s.Refs)
		if !ok {
			return nil
		}
		d.journey, d.refs = j, refs
	}
	return d
}

func restoreRefs(j *Journey, s storedRefs) (journeyRefs, bool) {
	refs := journeyRefs{parent: s.Parent.ref(), current: s.Current.ref()}
	for _, r := range s.Personas {
		refs.personas = append(refs.personas, r.ref())
	}
	for _, se := range s.Emotions {
		if se.Stage < 0 || se.Stage >= len(j.Stages) {
			return journeyRefs{}, false
		}
		st := j.Stages[se.Stage]
		var target *Emotion
		switch {
		case se.Kind == emotionOfStage:
			target = &st.Emotion
		case se.Kind == emotionOfStep && se.Index >= 0 && se.Index < len(st.Steps):
			target = &st.Steps[se.Index].Emotion
		case se.Kind == emotionOfTouchpoint && se.Index >= 0 && se.Index < len(st.Touchpoints):
			target = &st.Touchpoints[se.Index].Emotion
		default:
			return journeyRefs{}, false
		}
		pe := personaEmotions{target: target}
		for _, e := range se.Entries {
			pe.entries = append(pe.entries, personaEmotionRef{e.Ref.ref(), e.Value})
		}
		refs.emotions = append(refs.emotions, pe)
	}
	for _, ss := range s.Steps {
		if ss.Stage < 0 || ss.Stage >= len(j.Stages) || ss.Step < 0 || ss.Step >= len(j.Stages[ss.Stage].Steps) {
			return journeyRefs{}, false
		}
		sp := stepPersonas{target: j.Stages[ss.Stage].Steps[ss.Step]}
		for _, r := range ss.Refs {
			sp.refs = append(sp.refs, r.ref())
		}
		refs.steps = append(refs.steps, sp)
	}
	return refs, true
}

func (l *loader) channelsOf(ids []string) ([]*config.Channel, bool) {
	var out []*config.Channel
	for _, id := range ids {
		ch := l.cfg.Channel(id)
		if ch == nil {
			return nil, false
		}
		out = append(out, ch)
	}
	return out, true
}

func channelIDs(chs []*config.Channel) []string {
	ids := make([]string, len(chs))
	for i, c := range chs {
		ids[i] = c.ID
	}
	return ids
}
