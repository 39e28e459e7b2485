package main

// The built-in vocabulary. Strings may hold placeholders that fill
// replaces with the journey's product or a drawn number: {product}
// ("e-bike"), {a-product} ("an e-bike"), {pct}, {n}, {days}, {mins},
// {price} and {city}. None holds a "|", so every string is safe in a
// Markdown table cell.

// channel is one [[channels]] entry of site.toml.
type channel struct {
	id, name, kind, description string
}

// channels are the site's 24 channels, in the order of its matrices.
var channels = []channel{
	{"web", "Website", "digital", "northwind.example: catalogue, size finder, web shop and workshop booking"},
	{"app", "Northwind app", "digital", "iOS and Android app: orders, service history, ride log and member offers"},
	{"email", "Email", "digital", "Order and delivery notifications, service reminders and the monthly newsletter"},
	{"chat", "Live chat", "digital", "Web and in-app chat, staffed 08:00-20:00 by the customer care team"},
	{"social", "Social media", "digital", "Instagram, YouTube and the Northwind Riders community group"},
	{"sms", "Text messages", "digital", "Delivery slots, collection codes and workshop updates by SMS"},
	{"push", "App notifications", "digital", "Order, ride-log and maintenance notifications in the Northwind app"},
	{"forum", "Riders forum", "digital", "forum.northwind.example: owners' questions, routes and buying advice"},
	{"store", "Stores", "physical", "Six stores in Leeds, York, Harrogate, Sheffield, Manchester and Newcastle"},
	{"workshop", "Repair workshop", "physical", "In-store workshops plus the central wheel and suspension workshop in Leeds"},
	{"catalogue", "Printed catalogue", "physical", "Spring and autumn catalogues, posted to members and stocked in stores"},
	{"lockers", "Collection lockers", "physical", "Bike-sized lockers at four stations for out-of-hours click and collect"},
	{"popup", "Pop-up events", "physical", "Demo days, markets and station forecourt stands, March to October"},
	{"post", "Post and letters", "physical", "Welcome packs, statements and warranty cards sent by post"},
	{"phone", "Phone support", "human", "Customer care line, 0113 496 0000, Monday to Saturday 08:00-18:00"},
	{"staff", "Store staff", "human", "Sales advisers and mechanics on the shop floor"},
	{"mechanic", "Mobile mechanics", "human", "Van-based mechanics who repair bikes at home or at work"},
	{"fitters", "Bike fitters", "human", "Trained fitters for size checks and full fitting sessions"},
	{"video", "Video consultations", "human", "Twenty-minute video calls with an adviser, booked online"},
	{"delivery", "Swiftline Couriers", "partner", "Two-person delivery partner for boxed and pre-built bikes, UK mainland"},
	{"finance", "Kestrel Finance", "partner", "Consumer credit partner: 0% finance over 12 months, up to 36 months at 9.9% APR"},
	{"insurance", "Harbour Insurance", "partner", "Theft, damage and breakdown cover sold with the bike or on renewal"},
	{"cyclescheme", "Ride2Work", "partner", "Salary-sacrifice scheme run for employers, with certificates redeemed in store or online"},
	{"marketplace", "Second Spoke", "partner", "Marketplace partner for trade-ins and certified used bikes"},
}

// product is what a journey is about.
type product struct {
	name, withArticle string
}

var products = []product{
	{"e-bike", "an e-bike"},
	{"cargo bike", "a cargo bike"},
	{"hybrid bike", "a hybrid bike"},
	{"road bike", "a road bike"},
	{"gravel bike", "a gravel bike"},
	{"kids' bike", "a kids' bike"},
	{"folding bike", "a folding bike"},
	{"mountain bike", "a mountain bike"},
	{"touring bike", "a touring bike"},
	{"adaptive trike", "an adaptive trike"},
	{"e-cargo trike", "an e-cargo trike"},
	{"commuter bike", "a commuter bike"},
}

// area is a part of the customer lifecycle: a folder of journeys and
// the titles of the journeys in it.
type area struct {
	folder     string
	titles     []string // with {product} or {a-product}
	tags       []string
	qualifiers []string // what may follow a title, such as "for the school run"
}

var areas = []area{
	{"purchase", []string{"Buying {a-product} online", "Buying {a-product} in store", "Choosing {a-product}", "Reserving {a-product} for collection", "Upgrading to {a-product}"}, []string{"purchase", "online", "in-store", "sizing"}, qualifiers},
	{"finance", []string{"Buying {a-product} on finance", "Buying {a-product} through Ride2Work", "Paying off {a-product} early", "Spreading the cost of {a-product}"}, []string{"finance", "partner", "affordability"}, qualifiers},
	{"delivery", []string{"Getting {a-product} delivered", "Collecting {a-product} from a locker", "Having {a-product} built and delivered"}, []string{"delivery", "partner", "logistics"}, deliveryQualifiers},
	{"ownership", []string{"Commuting by {product}", "A first month with {a-product}", "Storing {a-product} over winter", "Riding {a-product} with the family", "Touring on {a-product}"}, []string{"ownership", "riding", "retention"}, qualifiers},
	{"service", []string{"Servicing {a-product}", "Getting {a-product} repaired", "Booking a mobile mechanic for {a-product}", "Replacing worn parts on {a-product}"}, []string{"servicing", "workshop", "repairs"}, qualifiers},
	{"support", []string{"Reporting a fault with {a-product}", "Making a warranty claim on {a-product}", "Returning {a-product}", "Chasing a late {product}"}, []string{"support", "complaints", "care"}, supportQualifiers},
	{"insurance", []string{"Insuring {a-product}", "Claiming for a stolen {product}", "Renewing cover for {a-product}"}, []string{"insurance", "partner", "theft"}, insuranceQualifiers},
	{"trade-in", []string{"Trading in {a-product}", "Selling {a-product} on Second Spoke", "Buying a used {product}", "Recycling {a-product}"}, []string{"trade-in", "used", "circular"}, qualifiers},
	{"business", []string{"Equipping a delivery fleet with {product}s", "Setting up Ride2Work for staff {product}s", "Leasing {product}s for a small business"}, []string{"business", "fleet", "b2b"}, businessQualifiers},
}

// qualifiers make titles more specific.
var qualifiers = []string{
	"for the school run", "as a first bike", "after moving house", "for a teenager", "on a tight budget",
	"before a holiday", "for a new job", "after an injury", "in winter", "for a charity ride",
	"with a disability", "after a theft", "for a partner's birthday", "in the January sale",
	"for a long commute", "after years off the bike", "for a hilly commute", "for weekend rides",
	"for a student", "after a fall", "with a child seat", "for a night-shift worker", "on a canal towpath",
	"for a rural village", "before the clocks change", "with a trailer", "in a small flat",
	"for a growing family", "as a car replacement", "for an older rider",
}

// Qualifiers for the areas where the general ones read oddly.
var (
	deliveryQualifiers = []string{
		"to a flat with no lift", "to a rural address", "on a Saturday", "to a workplace", "during the Christmas peak",
		"with a trade-in collection", "in the snow", "to a new-build estate", "while on holiday", "to a shared house",
	}
	supportQualifiers = []string{
		"in the first week", "after the warranty ends", "bought in the sale", "bought on finance", "bought second-hand",
		"out of hours", "bought as a gift", "bought through Ride2Work", "during a heatwave", "after a house move",
	}
	insuranceQualifiers = []string{
		"bought through Ride2Work", "after a house move", "for a student", "with a second bike", "after a claim",
		"for a shared garage", "for a delivery rider", "bought second-hand", "kept on a balcony", "for a family of four",
	}
	businessQualifiers = []string{
		"for a hospital trust", "for a council", "for a café chain", "for a courier firm", "for a university",
		"for a building firm", "for a charity", "for a hotel group", "for a retail park", "for a housing association",
	}
)

// cities are where the stores are, for titles and notes.
var cities = []string{"Leeds", "York", "Harrogate", "Sheffield", "Manchester", "Newcastle"}

// scenario makes a tactical sub-journey: its title, the question it
// answers and the areas whose journeys it can be part of.
type scenario struct {
	title, question string
	areas           []string
}

var scenarios = []scenario{
	{"{product} damaged on arrival", "What happens if the {product} arrives damaged?", []string{"purchase", "delivery"}},
	{"Finance application referred", "What happens if the finance decision is referred?", []string{"purchase", "finance"}},
	{"Wrong size {product} delivered", "What happens if the wrong frame size is delivered?", []string{"purchase", "delivery"}},
	{"Missed delivery slot", "What happens if the customer misses the delivery slot?", []string{"delivery", "purchase", "business"}},
	{"Battery fault in the first month", "What happens if the battery fails in the first month?", []string{"ownership", "support"}},
	{"Service overruns by a week", "What happens if the workshop needs the bike for longer than promised?", []string{"service", "ownership"}},
	{"{product} stolen from outside work", "What happens if the {product} is stolen?", []string{"insurance", "ownership"}},
	{"Safety recall notice", "What happens if a part on the {product} is recalled?", []string{"support", "ownership", "service"}},
	{"Parts on back order", "What happens if a repair part is out of stock?", []string{"service", "support"}},
	{"Ride2Work certificate expires", "What happens if the certificate expires before the bike is collected?", []string{"finance", "business"}},
	{"Locker will not open", "What happens if the collection locker code does not work?", []string{"delivery"}},
	{"Refund takes too long", "What happens if a refund has not arrived after two weeks?", []string{"support", "trade-in", "insurance"}},
}

// stageName is a stage's name and, optionally, the short id a writer
// would give it.
type stageName struct {
	name, id string
}

// phase is one step of a generic customer lifecycle; a journey's stages
// are six of them, in order. Stage names are unique across phases.
type phase struct {
	topic         string // for evidence titles
	names         []stageName
	goals         []string
	descriptions  []string
	doing         []string
	thinking      []string
	pains         []string
	opportunities []string
	frontstage    []string
	backstage     []string
	kpis          []string
	touchpoints   []touchpoint
	quotes        []string // customers' words
	findings      []string // what analytics and support logs show
}

// touchpoint is a touchpoint of the vocabulary, with its 1-2 channels.
type touchpoint struct {
	name        string
	channels    []string
	description string
	owner       string
}

var phases = []phase{
	{
		topic: "awareness",
		names: []stageName{{"Inspiration", ""}, {"Noticing the need", "need"}, {"First spark", "spark"}, {"Awareness", ""}},
		goals: []string{"Decide that a {product} could work for them", "Picture life with {a-product}", "Find out what a {product} really costs"},
		descriptions: []string{
			"Something prompts the idea: a colleague who rides in, a rise in parking costs, or a video in their feed.",
			"The idea of {a-product} grows over weeks, mostly from friends, neighbours and social media.",
			"A life event (a new job, a house move, a child starting school) makes the current way of getting around feel wrong.",
		},
		doing: []string{
			"Watches rider stories on Instagram and YouTube", "Flicks through the catalogue left by a neighbour",
			"Asks friends what they ride and what they paid", "Searches for '{product} for commuting'",
			"Reads the Ride2Work leaflet from HR", "Stops at a pop-up stand at the station",
		},
		thinking: []string{
			"Could I actually ride that far before work?", "What does a decent {product} cost these days?",
			"Is a {product} just for sporty people?", "Would it be safe on the ring road?",
		},
		pains: []string{
			"Prices in social posts rarely match what is in stock", "Catalogue pages are grouped by brand, not by what the rider needs",
			"Only {pct}% of visitors from social find the bike they saw", "Employer scheme information is out of date",
			"Pop-up events are not listed anywhere online", "Search ads send people to {product}s that are out of stock",
		},
		opportunities: []string{
			"Organise content by use (commuting, school run, fitness) rather than by brand", "Add a 'what you will really spend' bundle to each use case",
			"Feature only bikes with at least {n}0 units in stock", "List pop-up events on the website and in the app",
			"Give employers a ready-made Ride2Work page",
		},
		frontstage: []string{"Instagram and YouTube posts", "Printed catalogue", "Homepage stories", "Pop-up stands", "Search landing pages"},
		backstage:  []string{"Content calendar", "Catalogue print run", "Brand partnership budget", "Stock-aware ad feed", "Events rota"},
		kpis:       []string{"Social reach to new audiences", "Catalogue QR scans", "New visitors from social", "Pop-up sign-ups", "Share of search for '{product}'"},
		touchpoints: []touchpoint{
			{"Rider stories on Instagram", []string{"social"}, "Short videos of real customers' commutes and school runs, each linking to the bikes they ride.", "Brand and content"},
			{"Seasonal catalogue", []string{"catalogue", "post"}, "Catalogue posted to members and stocked in stores, with QR codes to product pages.", "Marketing"},
			{"Search landing page", []string{"web"}, "Landing pages for {product} searches, with bundles and finance examples.", "E-commerce"},
			{"Pop-up demo day", []string{"popup", "staff"}, "Weekend demo rides in parks and on station forecourts.", "Events"},
			{"Owners' threads on the forum", []string{"forum"}, "Community threads where owners compare {product}s and routes.", "Community"},
			{"Ride2Work leaflet", []string{"cyclescheme", "email"}, "Employer scheme information sent by HR teams.", "Ride2Work"},
			{"Monthly newsletter", []string{"email"}, "A feature on {product}s with a rider story and a bundle.", "CRM"},
		},
		quotes: []string{
			"I saw someone my age doing the school run on one and thought, why not me?",
			"Parking went up to £{n}5 a month and that was it, I started looking.",
			"Everything on Instagram looked amazing and nothing was in stock.",
			"I didn't know the scheme covered {product}s until a colleague told me.",
		},
		findings: []string{
			"{pct}% of new customers first heard of us through a friend or colleague.",
			"Visitors from social view {n} pages on average but {pct}% leave without seeing a price.",
		},
	},
	{
		topic: "research",
		names: []stageName{{"Research", ""}, {"Comparing options", "compare"}, {"Shortlisting", ""}, {"Asking around", ""}},
		goals: []string{"Shortlist two or three {product}s in the right size and budget", "Understand the difference between models", "Work out which size to buy"},
		descriptions: []string{
			"Customers compare models on the website and app, usually on a phone late in the evening, and try to work out their frame size.",
			"Most research happens in short bursts over {days} days, switching between our site, reviews and the forum.",
			"Customers try to turn spec sheets into an answer to one question: will this {product} suit me?",
		},
		doing: []string{
			"Filters {product}s under {price} on the website", "Uses the size finder, then checks brand size charts",
			"Opens live chat to ask whether a medium or large will fit", "Reads reviews on the product page and on the forum",
			"Books a video consultation", "Saves three bikes to a wish list in the app",
		},
		thinking: []string{
			"Am I a medium or a small?", "Why does every brand measure differently?",
			"What is a groupset and do I care?", "Is the cheaper one good enough?",
		},
		pains: []string{
			"Size finder and brand charts disagree for {pct}% of models", "Spec sheets use jargon without explanation",
			"Live chat is closed after 20:00, when most research happens", "Reviews are spread across {n} different sites",
			"Video consultations are booked up {days} days ahead", "Wish lists do not sync between the app and the website",
		},
		opportunities: []string{
			"One Northwind size recommendation per model, checked by the fitting team", "Plain-language spec summaries",
			"Async chat: leave a question at night, get an answer by 09:00", "Bring forum reviews onto product pages",
			"Evening video consultation slots",
		},
		frontstage: []string{"Product listing and detail pages", "Size finder", "Live chat", "Video consultation", "Comparison guide"},
		backstage:  []string{"Product data feed from suppliers", "Size-finder rules engine", "Chat rota", "Review syndication", "Consultation booking tool"},
		kpis:       []string{"Size-finder completion rate", "Chat response time", "Product page to basket rate", "Consultations booked", "Wish-list saves"},
		touchpoints: []touchpoint{
			{"Product pages", []string{"web", "app"}, "Specs, photos, geometry tables and customer reviews.", "E-commerce"},
			{"Size finder", []string{"web"}, "Asks height and inside leg, then recommends a frame size.", "E-commerce"},
			{"Pre-sale chat", []string{"chat"}, "Sizing and spec questions answered by the care team.", "Customer care"},
			{"Video consultation", []string{"video"}, "A twenty-minute call with an adviser who shows bikes on camera.", "Retail operations"},
			{"Comparison guide", []string{"web", "email"}, "A side-by-side guide to {product}s, sent after sign-up.", "Brand and content"},
			{"Owner reviews", []string{"forum", "social"}, "Owners' long-term reviews and photos.", "Community"},
		},
		quotes: []string{
			"It said medium, the brand said large, and the forum said 'depends on your arms'. I gave up for a week.",
			"I just want someone to tell me which one to buy.",
			"I did all my research at midnight on my phone.",
			"The video call was the first time it made sense.",
		},
		findings: []string{
			"{pct}% of users who complete the size finder then open a brand size chart; {pct}% of those leave the page.",
			"Research sessions peak between 21:00 and 00:00, when chat is closed.",
		},
	},
	{
		topic: "test ride",
		names: []stageName{{"Test ride and fitting", "test-ride"}, {"Getting advice", "advice"}, {"Choosing", ""}, {"Checking the fit", "fit"}},
		goals: []string{"Be confident the {product} fits and feels right", "Choose one bike and stop worrying", "Get honest advice from someone who knows"},
		descriptions: []string{
			"About half of buyers visit a store to see or ride the bike before buying. The experience depends heavily on stock and on which adviser they meet.",
			"Customers want a second opinion before spending {price}; most get it from store staff or a fitter.",
			"The decision often comes down to a five-minute ride around the car park.",
		},
		doing: []string{
			"Books a test ride online or just walks in", "Rides the bike around the car park for five minutes",
			"Asks about lights, locks and mudguards", "Has saddle height and reach checked by a fitter",
			"Phones the store to check the size is in stock", "Asks for a price match",
		},
		thinking: []string{
			"Is this the right size or are they just selling me what they have?", "I don't want to look like I don't know anything.",
			"It feels great, but is it worth the extra?", "Will it still fit when I'm riding every day?",
		},
		pains: []string{
			"The booked bike was not in stock in the right size for 1 in {n} test rides", "Test ride bookings are not visible to store staff until the morning of the ride",
			"Advice varies a lot between advisers", "Fitters are on shift only {n} days a week",
			"Price match requests take {days} days to approve",
		},
		opportunities: []string{
			"Reserve the exact size when a test ride is booked", "A standard 15-minute fit check for every first-time buyer",
			"Show the customer's online shortlist to the adviser", "Let advisers approve price matches on the spot",
		},
		frontstage: []string{"Store floor", "Test ride route", "Adviser conversation", "Fitting studio"},
		backstage:  []string{"Store stock system", "Test ride booking tool", "Adviser training", "Fitter rota"},
		kpis:       []string{"Test rides with correct size in stock", "Test ride to purchase conversion", "Adviser NPS", "Fit checks per week"},
		touchpoints: []touchpoint{
			{"Test ride booking", []string{"web", "app"}, "Pick a store, a bike and a thirty-minute slot.", "E-commerce"},
			{"Store visit and test ride", []string{"store", "staff"}, "An adviser sets up the bike and accompanies a short ride.", "Retail operations"},
			{"Fit check", []string{"fitters"}, "Saddle height and reach checked by a trained fitter, when one is on shift.", "Retail operations"},
			{"Stock check call", []string{"phone"}, "Customer phones to check the size is in stock before travelling.", "Customer care"},
			{"Finance eligibility check", []string{"finance", "web"}, "A soft search that shows what the customer could borrow.", "Kestrel Finance"},
			{"Price match request", []string{"chat", "staff"}, "Customer asks us to match a competitor's price.", "Retail operations"},
		},
		quotes: []string{
			"The adviser said the large would be fine without asking my height.",
			"The fitter spent twenty minutes with me and that sold it.",
			"I booked a test ride and they didn't have my size.",
			"I felt rushed, like they had somewhere better to be.",
		},
		findings: []string{
			"Stores with a fitter on shift converted {pct}% of test rides to sales within two weeks.",
			"{pct}% of booked test rides had the wrong size in stock on the day.",
		},
	},
	{
		topic: "checkout",
		names: []stageName{{"Checkout and finance", "checkout"}, {"Ordering", ""}, {"Booking", ""}, {"Signing up", "sign-up"}},
		goals: []string{"Pay, or arrange finance, without surprises", "Place the order and know it went through", "Book a date that works"},
		descriptions: []string{
			"Most buyers complete the order online, even after visiting a store. Larger orders often go through Kestrel Finance, which hands the customer off to a separate application.",
			"The order is placed in minutes, but what happens next is unclear to the customer.",
			"Customers combine the bike with a lock, lights and cover, often across two channels.",
		},
		doing: []string{
			"Adds bike, lock and lights to the basket", "Chooses 0% finance over 12 months",
			"Completes the Kestrel application in a new tab", "Waits for the decision email",
			"Redeems a Ride2Work certificate", "Adds theft cover at checkout",
		},
		thinking: []string{
			"Why are they asking for three years of addresses?", "Has my order actually gone through?",
			"When will it arrive?", "Do I really need the insurance?",
		},
		pains: []string{
			"Finance application takes {mins} minutes on average and asks for information already given", "{pct}% of referred finance decisions take more than a day",
			"Delivery date is only shown after payment", "Ride2Work certificates can only be redeemed in store",
			"Insurance is offered after payment, as a separate purchase",
		},
		opportunities: []string{
			"Soft-search eligibility check on the product page", "Hold stock for 72 hours while finance is referred",
			"Show the delivery date in the basket", "Redeem certificates online", "Offer cover in the basket with a clear price",
		},
		frontstage: []string{"Basket and checkout", "Kestrel application form", "Order confirmation email", "Store till"},
		backstage:  []string{"Payment gateway", "Kestrel Finance API", "Order management system", "Certificate validation service"},
		kpis:       []string{"Checkout completion rate", "Finance approval time", "Basket abandonment at finance step", "Attach rate for cover"},
		touchpoints: []touchpoint{
			{"Web checkout", []string{"web"}, "Four-step checkout with card, PayPal or finance.", "E-commerce"},
			{"In-app checkout", []string{"app"}, "Checkout with saved card and member discount.", "Digital product"},
			{"Finance application", []string{"finance", "web"}, "Kestrel's hosted form, opened in a new tab.", "Kestrel Finance"},
			{"Order confirmation", []string{"email", "sms"}, "Sent within two minutes; no delivery date until dispatch.", "CRM"},
			{"Ride2Work redemption", []string{"cyclescheme", "store"}, "Certificate checked and redeemed at the till.", "Ride2Work"},
			{"Theft cover add-on", []string{"insurance", "web"}, "Harbour's cover offered after payment.", "Harbour Insurance"},
			{"Till and paperwork", []string{"store", "staff"}, "Payment and warranty registration in store.", "Retail operations"},
		},
		quotes: []string{
			"Easy until the finance bit. Then it felt like applying for a mortgage.",
			"I paid and then had no idea when it would come.",
			"I had to go back to the store just to hand over a code.",
			"Why didn't they offer insurance before I paid?",
		},
		findings: []string{
			"{pct}% of baskets that reach the finance step are abandoned, against {n}% for card payment.",
			"Orders with a delivery date shown in the basket convert {n} points higher.",
		},
	},
	{
		topic: "order tracking",
		names: []stageName{{"Waiting for delivery", "waiting"}, {"Confirmation", ""}, {"Preparing", ""}, {"Countdown", ""}},
		goals: []string{"Know when the {product} will arrive", "Plan the day around delivery or collection", "Trust that the order is on track"},
		descriptions: []string{
			"Bikes are built and checked in the Leeds warehouse, then handed to Swiftline Couriers. Customers wait {days} days on average and often chase.",
			"Between payment and dispatch the order status barely changes, and customers fill the silence by contacting us.",
			"Customers collecting from a locker wait for a code that arrives without warning.",
		},
		doing: []string{
			"Checks the order status in the app", "Waits for the Swiftline slot text",
			"Phones or chats to ask where the bike is", "Rearranges work to be home for delivery",
			"Looks for the locker code in their inbox",
		},
		thinking: []string{
			"It says 'processing'. What does that even mean?", "Will anyone be in when it comes?",
			"Have they forgotten about me?", "I hope it's built properly.",
		},
		pains: []string{
			"Order status stays on 'processing' for up to {days} days", "Swiftline slot offered at less than 24 hours' notice",
			"Care team cannot see Swiftline's tracking", "Locker codes expire after {n} days without a reminder",
		},
		opportunities: []string{
			"Show build, check and dispatch steps in the app", "Let customers pick a delivery day at checkout",
			"Give the care team access to Swiftline tracking", "Send a reminder before a locker code expires",
		},
		frontstage: []string{"App order status", "Delivery slot text", "Care team answers", "Locker code message"},
		backstage:  []string{"Warehouse build queue", "Swiftline booking system", "Order status feed", "Locker management system"},
		kpis:       []string{"'Where is my order' contacts per 100 orders", "Days from order to delivery", "Slot acceptance rate", "Locker collections within 48 hours"},
		touchpoints: []touchpoint{
			{"Order status in app", []string{"app", "push"}, "Ordered, processing, dispatched, delivered.", "Digital product"},
			{"Delivery slot text", []string{"delivery", "sms"}, "Swiftline texts a four-hour slot the day before delivery.", "Swiftline Couriers"},
			{"Chasing the order", []string{"phone", "chat"}, "Customer contacts care to ask for a delivery date.", "Customer care"},
			{"Build and check updates", []string{"email"}, "Emails when the bike is built and checked.", "Warehouse"},
			{"Locker code", []string{"lockers", "sms"}, "A six-digit code and the locker's address.", "Logistics"},
			{"Dispatch photo", []string{"email", "app"}, "A photo of the bike taken at dispatch.", "Warehouse"},
		},
		quotes: []string{
			"It said processing for four days. I thought they'd lost it.",
			"I took a day off and the slot text came the night before.",
			"Nobody on the phone could tell me where it was.",
			"The photo of my actual bike made me so happy.",
		},
		findings: []string{
			"'Where is my order' is {pct}% of all contacts; most are about bikes in 'processing'.",
			"{pct}% of delivery slots are rearranged at least once.",
		},
	},
	{
		topic: "delivery",
		names: []stageName{{"Delivery and setup", "handover"}, {"Collection", ""}, {"Receiving the bike", "receiving"}, {"Unboxing", ""}},
		goals: []string{"Receive a {product} that is ready to ride", "Get the bike home in one piece", "Know how to adjust and charge it"},
		descriptions: []string{
			"Swiftline's two-person crew delivers the bike pre-built, fits the pedals and checks the saddle height with the customer.",
			"Customers collect from a store or a locker and ride or carry the bike home.",
			"The first hour with the bike decides how confident the customer feels about riding it.",
		},
		doing: []string{
			"Meets the crew at the door", "Watches the pedals being fitted", "Signs on the driver's handset",
			"Collects the bike from a locker after work", "Watches the setup videos", "Registers the warranty",
		},
		thinking: []string{
			"It's here, and it's even nicer than in the photos!", "I hope I remember how to adjust the gears.",
			"How do I get this home?", "Is that scratch from the box?",
		},
		pains: []string{
			"{pct}% of bikes arrive with transit damage", "Crews do not always do the saddle-height check",
			"Lockers are too small for {product}s with child seats", "Warranty registration needs a serial number that is hard to find",
		},
		opportunities: []string{
			"A one-page 'first ride' card in the box with a QR code to setup videos", "Photo of the bike at dispatch, attached to the order",
			"Register the warranty automatically at dispatch", "Bigger lockers at the busiest stations",
		},
		frontstage: []string{"Delivery crew", "Packaging", "First ride card", "Collection locker"},
		backstage:  []string{"Swiftline crew checklist", "Warehouse pre-delivery inspection", "Warranty database", "Locker booking rules"},
		kpis:       []string{"Damage rate", "Delivered in slot", "Delivery CSAT", "Warranty registrations within 7 days"},
		touchpoints: []touchpoint{
			{"Two-person delivery", []string{"delivery"}, "Bike delivered built, pedals fitted, packaging taken away.", "Swiftline Couriers"},
			{"Click and collect", []string{"store", "lockers"}, "Collection from a store or a station locker.", "Logistics"},
			{"Setup videos", []string{"app", "social"}, "Three-minute videos on gears, brakes and tyre pressure.", "Brand and content"},
			{"Handover with a mechanic", []string{"mechanic"}, "A mobile mechanic sets the bike up at home.", "Workshop"},
			{"Welcome pack", []string{"post"}, "Warranty card, first ride card and a member discount.", "CRM"},
			{"Warranty registration", []string{"web", "email"}, "Online form needing the frame serial number.", "Customer care"},
		},
		quotes: []string{
			"The two lads were brilliant, took all the cardboard and set the saddle for me.",
			"The locker was too small, so I had to come back the next day.",
			"I found a scratch after they'd gone and didn't know who to tell.",
			"The setup video was exactly what I needed.",
		},
		findings: []string{
			"Delivery CSAT averages 4.{n} out of 5; damage is the main reason for low scores.",
			"{pct}% of warranty registrations are never completed.",
		},
	},
	{
		topic: "riding",
		names: []stageName{{"First rides", "first-rides"}, {"Everyday use", "everyday"}, {"Settling in", ""}, {"Living with it", ""}},
		goals: []string{"Ride with confidence and keep riding", "Make the {product} part of the week", "Keep the bike in good shape"},
		descriptions: []string{
			"The first four weeks decide whether the bike becomes a habit. We offer a free six-week check in store.",
			"Riding settles into a routine, and small problems (a squeaky brake, a slow puncture) start to matter.",
			"Customers who join a group ride in the first month are far more likely to still be riding a year later.",
		},
		doing: []string{
			"Rides to work on a dry day", "Adjusts the saddle after the first week", "Books the free six-week check",
			"Logs rides in the app", "Joins a Sunday group ride", "Looks up routes on the forum",
		},
		thinking: []string{
			"I did it in 22 minutes, faster than the car.", "Is that noise normal?",
			"Where can I lock it safely?", "I should have done this years ago.",
		},
		pains: []string{
			"Only {pct}% of buyers take up the free six-week check", "No help with routes or where to lock up",
			"Maintenance reminders ignore how far the bike has been ridden", "Group rides fill up {days} days ahead",
		},
		opportunities: []string{
			"Book the six-week check at checkout", "Local route guides and a 'first month' email series",
			"Base reminders on the ride log", "More beginner group rides",
		},
		frontstage: []string{"Six-week check reminder", "Riders community group", "Store workshop", "Ride log"},
		backstage:  []string{"CRM journeys", "Workshop diary", "Ride-log data", "Community moderators"},
		kpis:       []string{"Six-week check uptake", "90-day repeat purchase", "Member app weekly actives", "Group ride attendance"},
		touchpoints: []touchpoint{
			{"Ride log", []string{"app"}, "Distance, time and CO2 saved for every ride.", "Digital product"},
			{"Six-week check", []string{"workshop"}, "Free twenty-minute check of cables, brakes and bolts.", "Workshop"},
			{"Group rides", []string{"social", "popup"}, "Weekend rides for all levels, led by staff.", "Community"},
			{"Route guides", []string{"web", "forum"}, "Local commuting and leisure routes.", "Brand and content"},
			{"Maintenance reminders", []string{"push", "email"}, "Reminders to check tyres, chain and brakes.", "CRM"},
			{"Member offers", []string{"email", "app"}, "Discounts on accessories and servicing.", "Membership"},
		},
		quotes: []string{
			"Three days a week now. Wish someone had told me about the canal path sooner.",
			"The group ride was the best thing I did all month.",
			"I had no idea I was supposed to get it checked.",
			"I'm saving about £{n}0 a month.",
		},
		findings: []string{
			"Customers who attend the six-week check are {pct}% more likely to buy again within a year.",
			"Weekly active riders in the app fall by {pct}% between week 4 and week 12.",
		},
	},
	{
		topic: "support",
		names: []stageName{{"Getting help", "help"}, {"Fixing a problem", "fix"}, {"Making a claim", "claim"}, {"Contacting care", "contact"}},
		goals: []string{"Get the problem fixed quickly and fairly", "Talk to someone who can sort it out", "Be back on the {product} within a week"},
		descriptions: []string{
			"When something goes wrong, customers try the help centre first and then phone or chat; few know that a mobile mechanic can come to them.",
			"Claims and repairs pass between care, the workshop and partners, and the customer often has to repeat the story.",
			"Most problems are small, but the way we handle them shapes loyalty more than the purchase did.",
		},
		doing: []string{
			"Searches the help centre", "Phones the care line", "Uploads photos of the damage",
			"Books a workshop slot", "Waits for a mobile mechanic", "Prints a returns label",
		},
		thinking: []string{
			"Will they say I did it?", "Why do I have to explain this again?",
			"How long will I be without the bike?", "At least someone is listening.",
		},
		pains: []string{
			"The help centre article is three clicks deep and titled 'Returns'", "Customers repeat their story to {n} different people on average",
			"Workshop slots are {days} days out in spring", "Claims wait {days} days for a partner's decision",
			"Returns labels need a printer",
		},
		opportunities: []string{
			"One case owner from first contact to resolution", "Photo upload in chat", "Mobile mechanic as the default for urgent repairs",
			"QR-code returns at any Swiftline drop-off", "A loan bike for repairs over three days",
		},
		frontstage: []string{"Help centre", "Care line", "Workshop counter", "Mobile mechanic visit"},
		backstage:  []string{"Case management system", "Workshop diary", "Parts ordering", "Partner claims portal"},
		kpis:       []string{"First contact resolution", "Days to resolution", "Repeat contacts per case", "Complaint CSAT"},
		touchpoints: []touchpoint{
			{"Help centre articles", []string{"web"}, "Self-service articles on faults, returns and warranty.", "Customer care"},
			{"Care line", []string{"phone"}, "Phone support, Monday to Saturday.", "Customer care"},
			{"Live chat with care", []string{"chat"}, "Chat with photo upload for faults and damage.", "Customer care"},
			{"Workshop booking", []string{"web", "workshop"}, "Online booking of a repair slot.", "Workshop"},
			{"Mobile mechanic visit", []string{"mechanic", "sms"}, "A mechanic repairs the bike at home or at work.", "Workshop"},
			{"Insurance claim", []string{"insurance", "phone"}, "Harbour's claim line and online form.", "Harbour Insurance"},
			{"Returns label", []string{"post", "email"}, "A prepaid label, emailed as a PDF.", "Logistics"},
		},
		quotes: []string{
			"I've waited a week for this and it's broken.",
			"I had to tell the whole story three times.",
			"The mechanic came to my work and fixed it in my lunch break.",
			"I just want to know who is dealing with it.",
		},
		findings: []string{
			"{pct}% of contacts about faults are repeat contacts for the same case.",
			"Cases with one owner close {n} days sooner.",
		},
	},
	{
		topic: "renewal",
		names: []stageName{{"Review and renewal", "renewal"}, {"Next purchase", "next"}, {"Recommending", ""}, {"Moving on", ""}},
		goals: []string{"Decide whether to stay with Northwind", "Get a fair price for the old {product}", "Tell friends what it was like"},
		descriptions: []string{
			"A year in, customers renew cover, trade in or recommend us, or quietly drift away.",
			"Trade-ins through Second Spoke keep customers with us, but the valuation often disappoints.",
			"Word of mouth brings in more new customers than any campaign, and it is decided here.",
		},
		doing: []string{
			"Gets a trade-in valuation online", "Lists the old bike on Second Spoke", "Renews theft cover",
			"Fills in the feedback survey", "Shares a referral code", "Settles the finance early",
		},
		thinking: []string{
			"Is that really all it's worth?", "Would I buy from them again?",
			"My friend should get one of these.", "Why has the renewal gone up?",
		},
		pains: []string{
			"Trade-in valuations drop {pct}% after the bike is inspected", "Renewal prices rise without explanation",
			"Referral rewards take {days} days to appear", "Settlement letters arrive by post only",
		},
		opportunities: []string{
			"Price the trade-in from photos, with a guaranteed range", "Explain every renewal price change",
			"Instant referral rewards in the app", "Settlement figures in the app",
		},
		frontstage: []string{"Trade-in valuation", "Renewal email", "Referral page", "Feedback survey"},
		backstage:  []string{"Second Spoke pricing model", "Harbour renewal engine", "Referral ledger", "Voice-of-customer programme"},
		kpis:       []string{"Trade-in completion rate", "Cover renewal rate", "Referrals per 100 customers", "NPS at 12 months"},
		touchpoints: []touchpoint{
			{"Trade-in valuation", []string{"web", "marketplace"}, "Instant valuation from model, age and condition.", "Second Spoke"},
			{"Marketplace listing", []string{"marketplace"}, "Certified used listing with a Northwind check.", "Second Spoke"},
			{"Renewal reminder", []string{"email", "insurance"}, "Harbour's renewal invitation.", "Harbour Insurance"},
			{"Feedback survey", []string{"email"}, "Twelve-month survey with NPS.", "CX team"},
			{"Referral code", []string{"app", "social"}, "Give £{n}0, get £{n}0 on accessories.", "Membership"},
			{"Annual service offer", []string{"workshop", "post"}, "Postcard offering the annual service at a member price.", "Workshop"},
			{"Finance settlement letter", []string{"finance", "post"}, "Settlement figure on request, sent by post.", "Kestrel Finance"},
		},
		quotes: []string{
			"They offered me £{n}0 less than the website said once they saw it.",
			"I've sent three friends your way already.",
			"The renewal went up and nobody could tell me why.",
			"I'll be back for the next one.",
		},
		findings: []string{
			"{pct}% of trade-in valuations are revised down after inspection.",
			"Customers who trade in buy again {n} times as often as those who sell elsewhere.",
		},
	},
}

// feelings are one-word feelings by emotion level, from -2 to 2.
var feelings = [5][]string{
	{"Frustrated", "Anxious", "Gutted", "Angry", "Let down"},
	{"Uneasy", "Impatient", "Confused", "Doubtful", "Worried"},
	{"Unsure", "Patient", "Busy", "Neutral", "Watchful"},
	{"Hopeful", "Curious", "Confident", "Pleased", "Reassured"},
	{"Delighted", "Proud", "Relieved", "Excited", "Thrilled"},
}

// teams own journeys and touchpoints.
var teams = []string{
	"CX team", "Customer care", "E-commerce", "Retail operations", "Service design",
	"Workshop services", "Partnerships", "Membership", "Digital product", "Logistics",
}

// Persona vocabulary.
var (
	firstNames = []string{
		"Dana", "Marcus", "Priya", "Tom", "Aisha", "Ben", "Chloe", "Daniel", "Elena", "Femi",
		"Grace", "Harry", "Imran", "Jess", "Kofi", "Laura", "Mohammed", "Niamh", "Oliver", "Paula",
		"Rhys", "Sophie", "Tariq", "Uma", "Victor", "Wendy", "Yusuf", "Zara", "Alice", "Callum",
		"Deepa", "Ewan", "Fiona", "Gareth", "Hannah", "Isaac", "Joanne", "Karim", "Lucy", "Mei",
	}
	lastNames = []string{
		"Ortiz", "Webb", "Shah", "Okafor", "Khan", "Taylor", "Murphy", "Nowak", "Evans", "Adeyemi",
		"Clarke", "Hughes", "Patel", "Reid", "Mensah", "Walsh", "Ali", "Byrne", "Scott", "Santos",
		"Morgan", "Chen", "Hussain", "Iyer", "Petrov", "Lewis", "Ahmed", "Malik", "Green", "Fraser",
		"Rao", "Campbell", "Doyle", "Price", "Lees", "Cohen", "Barker", "Haddad", "Wood", "Lin",
	}
	roles = []string{
		"First-time commuter", "Weekend enthusiast", "Parent on the school run", "Delivery rider",
		"Returning rider", "Student on a budget", "Fleet manager", "Retired tourer", "Adaptive cyclist",
		"Eco-minded upgrader", "Gadget lover", "Club racer", "Car-free family", "Shift worker",
	}
	personaQuotes = []string{
		"I just want to know it will fit me and that someone will help if it goes wrong.",
		"If it's off the road for a week, I lose a week's money.",
		"I'll pay for quality, but I won't be talked down to.",
		"Getting the kids to school without the car is the whole point.",
		"Tell me the real price, including everything I'll need.",
		"I want to ride more and think about the bike less.",
		"I read everything before I buy anything.",
		"The bike has to work for my body, not the other way round.",
	}
	personaGoals = []string{
		"Find a {product} that fits, without having to learn the jargon", "Stay under {price} including lock and lights",
		"Ride to work three days a week by spring", "Get the children to school without the car",
		"Keep the bike on the road all year", "Ride a hundred miles in a day", "Spend less on transport",
		"Get fit without paying for a gym", "Replace a second car", "Find a bike they can ride despite a knee injury",
	}
	personaPains = []string{
		"Sizing charts disagree between brands", "Feels talked down to in bike shops",
		"Shift pattern leaves little time to visit a store", "Has had a bike stolen before",
		"Finance forms ask for the same details twice", "Workshop waits are long in spring",
		"Nowhere safe to store a bike at home", "Hard to find bikes adapted to their needs",
	}
	personaBehaviors = []string{
		"Researches on a phone late at night", "Asks friends in a WhatsApp group before buying anything over £200",
		"Prefers live chat to phone calls", "Reads long-term reviews on the forum", "Visits a store to touch and try",
		"Logs every ride in the app", "Books servicing well in advance", "Waits for the sales",
	}
	personaMotivations = []string{
		"Save time on the daily commute", "Cut the household's carbon footprint", "Spend more time outdoors",
		"Set an example for the children", "Stay independent", "Enjoy the ride, not just arrive",
	}
	personaTags = []string{
		"commuter", "first-bike", "price-sensitive", "family", "enthusiast", "high-mileage",
		"accessibility", "business", "e-bike", "returning", "urban", "rural",
	}
	occupations = []string{
		"Staff nurse", "Software tester", "Primary school teacher", "Food delivery rider", "Accountant",
		"Retired engineer", "Student", "Operations manager", "Physiotherapist", "Electrician",
		"Bus driver", "Pharmacist", "Office manager", "Chef", "Architect",
	}
	locations = []string{
		"Headingley, Leeds", "Clifton, York", "Harrogate", "Kelham Island, Sheffield", "Chorlton, Manchester",
		"Jesmond, Newcastle", "Ilkley", "Didsbury, Manchester", "Hebden Bridge", "Whitby",
	}
	households = []string{
		"Lives with partner, no children", "Two children under ten", "Lives alone", "Shares a flat",
		"Single parent of a teenager", "Lives with parents", "Grown-up children",
	}
	techComfort = []string{"High on phone, low on laptop", "High", "Medium", "Low: prefers to phone", "Very high"}
)
