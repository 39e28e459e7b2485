// Package contenttest builds content models by hand for the tests of the
// packages that read them (pagedata, export), wired as the loader wires
// them, so that each test states only what it is about.
package contenttest

import (
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// Emotion is a set emotion.
func Emotion(v float64) content.Emotion { return content.Emotion{Value: v, Set: true} }

// Stage builds a stage of j with the given touchpoints, wiring the back
// pointers the loader would set.
func Stage(j *content.Journey, name string, e content.Emotion, tps ...*content.Touchpoint) *content.Stage {
	s := &content.Stage{ID: name, Name: name, Emotion: e, Touchpoints: tps, Journey: j}
	for _, t := range tps {
		t.Stage = s
	}
	if j != nil {
		j.Stages = append(j.Stages, s)
	}
	return s
}

// Touchpoint is a touchpoint on the given channels.
func Touchpoint(name string, e content.Emotion, chs ...*config.Channel) *content.Touchpoint {
	return &content.Touchpoint{Name: name, Emotion: e, Channels: chs}
}

// Fixture is a small site built by hand, the way the loader links it.
//
//	channels in site.toml order: phone, store, web, email, app, chat (unused)
//	Buy:    Research (+1):  Product page [web] +0.5, Reviews [web app] (inherits +1)
//	        Checkout (-1):  Card form [web] -2, Call [phone] (inherits -1)
//	        Delivery (none): Courier [email] (no emotion at all)
//	        Wait (none):    no touchpoints
//	Return: Start (-2):     Return form [web], Label print [web] (both inherit -2)
//	        Drop-off (none): Store desk [store] -1.5
//	Browse: Look (+1):      no touchpoints
//	Dana prefers web and phone; Eli prefers web and store.
type Fixture struct {
	Site                           *content.Site
	Cfg                            *config.Config
	Buy, Ret, Browse               *content.Journey
	Research, Checkout, Delivery   *content.Stage
	Wait, Start, DropOff, Look     *content.Stage
	ProductPage, Reviews, CardForm *content.Touchpoint
	Call, Courier                  *content.Touchpoint
	ReturnForm, LabelPrint, Desk   *content.Touchpoint
	Dana, Eli                      *content.Persona
}

func NewFixture() *Fixture {
	f := &Fixture{Cfg: &config.Config{Title: "Maps", BaseURL: "/", Channels: []config.Channel{
		{ID: "phone", Name: "Phone", Kind: "human"},
		{ID: "store", Name: "Store", Kind: "physical"},
		{ID: "web", Name: "Website", Kind: "digital"},
		{ID: "email", Name: "Email", Kind: "digital"},
		{ID: "app", Name: "App", Kind: "digital"},
		{ID: "chat", Name: "Chat", Kind: "digital"},
	}}}
	ch := f.Cfg.Channel
	none := content.Emotion{}

	f.Buy = &content.Journey{Slug: "buy", Title: "Buy"}
	f.ProductPage = Touchpoint("Product page", Emotion(0.5), ch("web"))
	f.Reviews = Touchpoint("Reviews", none, ch("web"), ch("app"))
	f.Research = Stage(f.Buy, "Research", Emotion(1), f.ProductPage, f.Reviews)
	f.CardForm = Touchpoint("Card form", Emotion(-2), ch("web"))
	f.Call = Touchpoint("Call", none, ch("phone"))
	f.Checkout = Stage(f.Buy, "Checkout", Emotion(-1), f.CardForm, f.Call)
	f.Courier = Touchpoint("Courier", none, ch("email"))
	f.Delivery = Stage(f.Buy, "Delivery", none, f.Courier)
	f.Wait = Stage(f.Buy, "Wait", none)

	f.Ret = &content.Journey{Slug: "return", Title: "Return"}
	f.ReturnForm = Touchpoint("Return form", none, ch("web"))
	f.LabelPrint = Touchpoint("Label print", none, ch("web"))
	f.Start = Stage(f.Ret, "Start", Emotion(-2), f.ReturnForm, f.LabelPrint)
	f.Desk = Touchpoint("Store desk", Emotion(-1.5), ch("store"))
	f.DropOff = Stage(f.Ret, "Drop-off", none, f.Desk)

	f.Browse = &content.Journey{Slug: "browse", Title: "Browse"}
	f.Look = Stage(f.Browse, "Look", Emotion(1))

	f.Dana = &content.Persona{Slug: "dana", Name: "Dana Ortiz", Channels: []*config.Channel{ch("web"), ch("phone")}}
	f.Eli = &content.Persona{Slug: "eli", Name: "Eli Park", Channels: []*config.Channel{ch("store"), ch("web")}}

	f.Site = &content.Site{Config: f.Cfg, Journeys: []*content.Journey{f.Buy, f.Ret, f.Browse}, Personas: []*content.Persona{f.Dana, f.Eli}}
	return f
}
