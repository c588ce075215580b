package wasmhost

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"

	// The IANA time zone database inside the binary, for hosts without /usr/share/zoneinfo.
	// time.LoadLocation still prefers the system's copy when there is one.
	_ "time/tzdata"
)

// The tz service: IANA time zones for the Web layer's Intl.DateTimeFormat (jsengine/web/70_intl.js).
//
//	{"z": name}                      -> the zone's canonical name as Node 22 (ICU) reports it, or "" if unknown
//	{"z": canonical, "t": [ms...], "l": localeKey}
//	                                 -> JSON [[offset seconds east of UTC, short name or ""], ...]
//
// Zone rules come from Go's tz database; they are public data, so loaded *time.Location values
// are cached process-wide (tzLocs) — no request or isolate state is kept.
func init() { RegisterService("tz", tzService) }

type tzArgs struct {
	Z string    `json:"z"`
	T []float64 `json:"t"`
	L string    `json:"l"`
}

func tzService(args string, _ []byte) (any, error) {
	var a tzArgs
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		return nil, &ServiceError{Name: "TypeError", Message: "tz: bad arguments"}
	}
	e, ok := tzLookup(a.Z)
	if !ok {
		return "", nil
	}
	if a.T == nil {
		return e.canon, nil
	}
	loc, err := tzLocation(e.data)
	if err != nil {
		return "", nil
	}
	var b strings.Builder
	b.WriteByte('[')
	for i, ms := range a.T {
		if i > 0 {
			b.WriteByte(',')
		}
		t := time.UnixMilli(int64(ms)).In(loc)
		abbr, off := t.Zone()
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(off))
		b.WriteByte(',')
		b.WriteString(strconv.Quote(tzShortName(a.L, e.canon, abbr, off, t.IsDST(), int64(ms))))
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String(), nil
}

type tzEntry struct{ canon, data string }

var (
	tzOnce  sync.Once
	tzNames map[string]tzEntry // lower-case name -> entry
	tzLocs  sync.Map           // data zone name -> *time.Location
)

func tzLookup(name string) (tzEntry, bool) {
	tzOnce.Do(func() {
		fields := strings.Fields(tzTable)
		tzNames = make(map[string]tzEntry, len(fields))
		redirect := map[string]string{}
		var aliases [][2]string
		for _, f := range fields {
			name, data, _ := strings.Cut(f, "@")
			name, canon, isAlias := strings.Cut(name, "=")
			if isAlias {
				aliases = append(aliases, [2]string{name, canon})
				continue
			}
			if data == "" {
				data = name
			}
			redirect[name] = data
			tzNames[strings.ToLower(name)] = tzEntry{name, data}
		}
		for _, a := range aliases {
			tzNames[strings.ToLower(a[0])] = tzEntry{a[1], redirect[a[1]]}
		}
	})
	e, ok := tzNames[strings.ToLower(name)]
	return e, ok
}

func tzLocation(name string) (*time.Location, error) {
	if l, ok := tzLocs.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	tzLocs.Store(name, l)
	return l, nil
}

// tzShortName is the timeZoneName "short" form Node 22 prints for zone at an instant whose
// tz database abbreviation is abbr, in the layer's locale data key loc ("en", "en-GB", "de", ...),
// "GMT" for Greenwich Mean Time, or "" where Node prints the localized GMT offset. ICU picks these names from CLDR metazones;
// this reproduces them from the tz abbreviations for the metazones the supported locales name
// (North American zones in en and nl, European ones in en-GB, de, es, it and nl, India in en-IN,
// Japan in ja, the Gulf in en-GB and en-IN). jsengine/LEDGER.md lists what is left.
func tzShortName(loc, zone, abbr string, off int, dst bool, ms int64) string {
	if abbr == "GMT" && off == 0 {
		return "GMT" // Greenwich Mean Time: the layer uses the locale's own names for it
	}
	switch loc {
	case "en", "nl":
		if n := tzNorthAmerica(zone, abbr, ms); n != "" {
			if loc == "nl" && n == "HST" {
				return "HAST"
			}
			return n
		}
	case "ja":
		if abbr == "JST" && (zone == "Asia/Tokyo" || zone == "Japan") {
			return "JST"
		}
	case "en-IN":
		if off == 19800 && (zone == "Asia/Calcutta" || zone == "Asia/Colombo" || zone == "Asia/Thimbu" || zone == "Asia/Thimphu") {
			return "IST"
		}
	}
	switch loc {
	case "en-GB", "en-IN":
		if off == 14400 && (zone == "Asia/Dubai" || zone == "Asia/Muscat" || zone == "Asia/Bahrain" || zone == "Asia/Qatar") {
			return "GST"
		}
	}
	switch loc {
	case "en-GB", "de", "es", "it", "nl":
		if loc == "en-GB" && abbr == "BST" && dst && zone == "Europe/London" {
			return "BST" // British Summer Time; not British Standard Time (1968-1971)
		}
		// Morocco used Western European time until it kept +01 in October 2018 (and Central
		// European time in 1984-1985).
		if (zone == "Africa/Casablanca" || zone == "Africa/El_Aaiun") && ms < tzMoroccoPlus1 {
			switch {
			case off == 0:
				abbr = "WET"
			case off == 3600 && dst:
				abbr = "WEST"
			case off == 3600 && zone == "Africa/Casablanca":
				abbr = "CET"
			}
		}
		if abbr == "MET" || abbr == "MEST" {
			abbr = "C" + abbr[1:]
		}
		switch abbr {
		case "CET", "CEST", "EET", "EEST", "WET", "WEST":
			if loc == "de" {
				return map[string]string{"CET": "MEZ", "CEST": "MESZ", "EET": "OEZ", "EEST": "OESZ", "WET": "WEZ", "WEST": "WESZ"}[abbr]
			}
			return abbr
		}
	}
	return ""
}

// tzMoroccoPlus1 is 2018-10-28T02:00Z, when Morocco stopped observing Western European time.
const tzMoroccoPlus1 = 1540692000000

// tzNorthAmerica names the North American metazones (en, nl).
func tzNorthAmerica(zone, abbr string, ms int64) string {
	switch abbr {
	case "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "AST", "ADT", "HST", "HDT":
	default:
		return ""
	}
	switch zone {
	case "America/Havana", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT": // Cuba; POSIX-style zones have no metazone
		return ""
	case "America/Chihuahua", "America/Hermosillo", "America/Mazatlan", // Mexican Pacific time
		"America/Whitehorse", "America/Dawson": // Yukon time since 2020
		if abbr == "MST" || abbr == "MDT" {
			return ""
		}
	case "America/Ciudad_Juarez": // Mexican Pacific time until 2022-11-30
		if (abbr == "MST" || abbr == "MDT") && ms < 1669788000000 {
			return ""
		}
	}
	if !(strings.HasPrefix(zone, "America/") || strings.HasPrefix(zone, "US/") || strings.HasPrefix(zone, "Canada/") ||
		zone == "Atlantic/Bermuda" || zone == "Pacific/Honolulu" || zone == "Pacific/Johnston") {
		return ""
	}
	if abbr == "HST" || abbr == "HDT" {
		if zone == "America/Adak" || zone == "US/Aleutian" {
			return "HA" + abbr[1:]
		}
	}
	return abbr
}

// tzTable lists every zone name Node 22 accepts: "Name" (canonical), "Name=Canonical" (an alias
// and the name resolvedOptions reports), "Name@Data" (a canonical name whose offsets in ICU are
// those of zone Data: the tz database's main data links these zones, Go's copy is built with
// the "backzone" history). Derived by asking Node 22 about each name in Go's zoneinfo.zip.
// A Data zone is a geographic one, never "CET" and the like: tz 2024b made those links, and
// a system's zoneinfo built from an older release (Debian's) still has their own rules.
const tzTable = "" +
	"ACT=Australia/Darwin AET=Australia/Sydney AGT=America/Buenos_Aires ART=Africa/Cairo " +
	"AST=America/Anchorage Africa/Abidjan Africa/Accra@Africa/Abidjan Africa/Addis_Ababa@Africa/Asmera " +
	"Africa/Algiers Africa/Asmara=Africa/Asmera Africa/Asmera Africa/Bamako@Africa/Abidjan " +
	"Africa/Bangui@Africa/Lagos Africa/Banjul@Africa/Abidjan Africa/Bissau " +
	"Africa/Blantyre@Africa/Maputo Africa/Brazzaville@Africa/Lagos Africa/Bujumbura@Africa/Maputo " +
	"Africa/Cairo Africa/Casablanca Africa/Ceuta Africa/Conakry@Africa/Abidjan " +
	"Africa/Dakar@Africa/Abidjan Africa/Dar_es_Salaam@Africa/Asmera Africa/Djibouti@Africa/Asmera " +
	"Africa/Douala@Africa/Lagos Africa/El_Aaiun Africa/Freetown@Africa/Abidjan " +
	"Africa/Gaborone@Africa/Maputo Africa/Harare@Africa/Maputo Africa/Johannesburg Africa/Juba " +
	"Africa/Kampala@Africa/Asmera Africa/Khartoum Africa/Kigali@Africa/Maputo " +
	"Africa/Kinshasa@Africa/Lagos Africa/Lagos Africa/Libreville@Africa/Lagos " +
	"Africa/Lome@Africa/Abidjan Africa/Luanda@Africa/Lagos Africa/Lubumbashi@Africa/Maputo " +
	"Africa/Lusaka@Africa/Maputo Africa/Malabo@Africa/Lagos Africa/Maputo " +
	"Africa/Maseru@Africa/Johannesburg Africa/Mbabane@Africa/Johannesburg " +
	"Africa/Mogadishu@Africa/Asmera Africa/Monrovia Africa/Nairobi Africa/Ndjamena " +
	"Africa/Niamey@Africa/Lagos Africa/Nouakchott@Africa/Abidjan Africa/Ouagadougou@Africa/Abidjan " +
	"Africa/Porto-Novo@Africa/Lagos Africa/Sao_Tome Africa/Timbuktu=Africa/Bamako Africa/Tripoli " +
	"Africa/Tunis Africa/Windhoek America/Adak America/Anchorage America/Anguilla@America/Kralendijk " +
	"America/Antigua@America/Kralendijk America/Araguaina " +
	"America/Argentina/Buenos_Aires=America/Buenos_Aires America/Argentina/Catamarca=America/Catamarca " +
	"America/Argentina/ComodRivadavia=America/Catamarca America/Argentina/Cordoba=America/Cordoba " +
	"America/Argentina/Jujuy=America/Jujuy America/Argentina/La_Rioja " +
	"America/Argentina/Mendoza=America/Mendoza America/Argentina/Rio_Gallegos America/Argentina/Salta " +
	"America/Argentina/San_Juan America/Argentina/San_Luis America/Argentina/Tucuman " +
	"America/Argentina/Ushuaia America/Aruba@America/Kralendijk America/Asuncion " +
	"America/Atikokan=America/Coral_Harbour America/Atka=America/Adak America/Bahia " +
	"America/Bahia_Banderas America/Barbados America/Belem America/Belize " +
	"America/Blanc-Sablon@America/Kralendijk America/Boa_Vista America/Bogota America/Boise " +
	"America/Buenos_Aires America/Cambridge_Bay America/Campo_Grande America/Cancun America/Caracas " +
	"America/Catamarca America/Cayenne America/Cayman@America/Coral_Harbour America/Chicago " +
	"America/Chihuahua America/Ciudad_Juarez America/Coral_Harbour America/Cordoba America/Costa_Rica " +
	"America/Coyhaique America/Creston@America/Phoenix America/Cuiaba " +
	"America/Curacao@America/Kralendijk America/Danmarkshavn America/Dawson America/Dawson_Creek " +
	"America/Denver America/Detroit America/Dominica@America/Kralendijk America/Edmonton " +
	"America/Eirunepe America/El_Salvador America/Ensenada=America/Tijuana America/Fort_Nelson " +
	"America/Fort_Wayne=America/Indianapolis America/Fortaleza America/Glace_Bay America/Godthab " +
	"America/Goose_Bay America/Grand_Turk America/Grenada@America/Kralendijk " +
	"America/Guadeloupe@America/Kralendijk America/Guatemala America/Guayaquil America/Guyana " +
	"America/Halifax America/Havana America/Hermosillo " +
	"America/Indiana/Indianapolis=America/Indianapolis America/Indiana/Knox America/Indiana/Marengo " +
	"America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay " +
	"America/Indiana/Vincennes America/Indiana/Winamac America/Indianapolis America/Inuvik " +
	"America/Iqaluit America/Jamaica America/Jujuy America/Juneau " +
	"America/Kentucky/Louisville=America/Louisville America/Kentucky/Monticello " +
	"America/Knox_IN=America/Indiana/Knox America/Kralendijk America/La_Paz America/Lima " +
	"America/Los_Angeles America/Louisville America/Lower_Princes America/Maceio America/Managua " +
	"America/Manaus America/Marigot America/Martinique America/Matamoros America/Mazatlan " +
	"America/Mendoza America/Menominee America/Merida America/Metlakatla America/Mexico_City " +
	"America/Miquelon America/Moncton America/Monterrey America/Montevideo " +
	"America/Montreal=America/Toronto America/Montserrat@America/Kralendijk " +
	"America/Nassau@America/Montreal America/New_York America/Nipigon=America/Toronto America/Nome " +
	"America/Noronha America/North_Dakota/Beulah America/North_Dakota/Center " +
	"America/North_Dakota/New_Salem America/Nuuk=America/Godthab America/Ojinaga America/Panama " +
	"America/Pangnirtung=America/Iqaluit America/Paramaribo America/Phoenix America/Port-au-Prince " +
	"America/Port_of_Spain@America/Kralendijk America/Porto_Acre=America/Rio_Branco " +
	"America/Porto_Velho America/Puerto_Rico America/Punta_Arenas America/Rainy_River=America/Winnipeg " +
	"America/Rankin_Inlet America/Recife America/Regina America/Resolute America/Rio_Branco " +
	"America/Rosario=America/Cordoba America/Santa_Isabel=America/Tijuana America/Santarem " +
	"America/Santiago America/Santo_Domingo America/Sao_Paulo America/Scoresbysund " +
	"America/Shiprock=America/Denver America/Sitka America/St_Barthelemy America/St_Johns " +
	"America/St_Kitts@America/Kralendijk America/St_Lucia@America/Kralendijk " +
	"America/St_Thomas@America/Kralendijk America/St_Vincent@America/Kralendijk America/Swift_Current " +
	"America/Tegucigalpa America/Thule America/Thunder_Bay=America/Toronto America/Tijuana " +
	"America/Toronto America/Tortola@America/Kralendijk America/Vancouver " +
	"America/Virgin=America/St_Thomas America/Whitehorse America/Winnipeg America/Yakutat " +
	"America/Yellowknife=America/Edmonton Antarctica/Casey Antarctica/Davis " +
	"Antarctica/DumontDUrville@Pacific/Port_Moresby Antarctica/Macquarie Antarctica/Mawson " +
	"Antarctica/McMurdo@Antarctica/South_Pole Antarctica/Palmer Antarctica/Rothera " +
	"Antarctica/South_Pole=Antarctica/McMurdo Antarctica/Syowa@Asia/Riyadh Antarctica/Troll " +
	"Antarctica/Vostok Arctic/Longyearbyen Asia/Aden@Asia/Riyadh Asia/Almaty Asia/Amman Asia/Anadyr " +
	"Asia/Aqtau Asia/Aqtobe Asia/Ashgabat Asia/Ashkhabad=Asia/Ashgabat Asia/Atyrau Asia/Baghdad " +
	"Asia/Bahrain@Asia/Qatar Asia/Baku Asia/Bangkok Asia/Barnaul Asia/Beirut Asia/Bishkek " +
	"Asia/Brunei@Asia/Kuching Asia/Calcutta Asia/Chita Asia/Choibalsan=Asia/Ulaanbaatar " +
	"Asia/Chongqing=Asia/Shanghai Asia/Chungking=Asia/Shanghai Asia/Colombo Asia/Dacca=Asia/Dhaka " +
	"Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dubai Asia/Dushanbe Asia/Famagusta Asia/Gaza " +
	"Asia/Harbin=Asia/Shanghai Asia/Hebron Asia/Ho_Chi_Minh=Asia/Saigon Asia/Hong_Kong Asia/Hovd " +
	"Asia/Irkutsk Asia/Istanbul=Europe/Istanbul Asia/Jakarta Asia/Jayapura Asia/Jerusalem Asia/Kabul " +
	"Asia/Kamchatka Asia/Karachi Asia/Kashgar=Asia/Urumqi Asia/Kathmandu=Asia/Katmandu Asia/Katmandu " +
	"Asia/Khandyga Asia/Kolkata=Asia/Calcutta Asia/Krasnoyarsk Asia/Kuala_Lumpur@Asia/Singapore " +
	"Asia/Kuching Asia/Kuwait@Asia/Riyadh Asia/Macao=Asia/Macau Asia/Macau Asia/Magadan Asia/Makassar " +
	"Asia/Manila Asia/Muscat@Asia/Dubai Asia/Nicosia Asia/Novokuznetsk Asia/Novosibirsk Asia/Omsk " +
	"Asia/Oral Asia/Phnom_Penh@Asia/Bangkok Asia/Pontianak Asia/Pyongyang Asia/Qatar Asia/Qostanay " +
	"Asia/Qyzylorda Asia/Rangoon Asia/Riyadh Asia/Saigon Asia/Sakhalin Asia/Samarkand Asia/Seoul " +
	"Asia/Shanghai Asia/Singapore Asia/Srednekolymsk Asia/Taipei Asia/Tashkent Asia/Tbilisi " +
	"Asia/Tehran Asia/Tel_Aviv=Asia/Jerusalem Asia/Thimbu=Asia/Thimphu Asia/Thimphu Asia/Tokyo " +
	"Asia/Tomsk Asia/Ujung_Pandang=Asia/Makassar Asia/Ulaanbaatar Asia/Ulan_Bator=Asia/Ulaanbaatar " +
	"Asia/Urumqi Asia/Ust-Nera Asia/Vientiane@Asia/Bangkok Asia/Vladivostok Asia/Yakutsk " +
	"Asia/Yangon=Asia/Rangoon Asia/Yekaterinburg Asia/Yerevan Atlantic/Azores Atlantic/Bermuda " +
	"Atlantic/Canary Atlantic/Cape_Verde Atlantic/Faeroe Atlantic/Faroe=Atlantic/Faeroe " +
	"Atlantic/Jan_Mayen=Arctic/Longyearbyen Atlantic/Madeira Atlantic/Reykjavik@Africa/Abidjan " +
	"Atlantic/South_Georgia Atlantic/St_Helena@Africa/Abidjan Atlantic/Stanley " +
	"Australia/ACT=Australia/Sydney Australia/Adelaide Australia/Brisbane Australia/Broken_Hill " +
	"Australia/Canberra=Australia/Sydney Australia/Currie=Australia/Hobart Australia/Darwin " +
	"Australia/Eucla Australia/Hobart Australia/LHI=Australia/Lord_Howe Australia/Lindeman " +
	"Australia/Lord_Howe Australia/Melbourne Australia/NSW=Australia/Sydney " +
	"Australia/North=Australia/Darwin Australia/Perth Australia/Queensland=Australia/Brisbane " +
	"Australia/South=Australia/Adelaide Australia/Sydney Australia/Tasmania=Australia/Hobart " +
	"Australia/Victoria=Australia/Melbourne Australia/West=Australia/Perth " +
	"Australia/Yancowinna=Australia/Broken_Hill BET=America/Sao_Paulo BST=Asia/Dhaka " +
	"Brazil/Acre=America/Rio_Branco Brazil/DeNoronha=America/Noronha Brazil/East=America/Sao_Paulo " +
	"Brazil/West=America/Manaus CAT=Africa/Maputo CET=Europe/Brussels CNT=America/St_Johns " +
	"CST=America/Chicago CST6CDT CTT=Asia/Shanghai Canada/Atlantic=America/Halifax " +
	"Canada/Central=America/Winnipeg Canada/East-Saskatchewan=America/Regina " +
	"Canada/Eastern=America/Toronto Canada/Mountain=America/Edmonton " +
	"Canada/Newfoundland=America/St_Johns Canada/Pacific=America/Vancouver " +
	"Canada/Saskatchewan=America/Regina Canada/Yukon=America/Whitehorse " +
	"Chile/Continental=America/Santiago Chile/EasterIsland=Pacific/Easter Cuba=America/Havana " +
	"EAT=Africa/Nairobi ECT=Europe/Paris EET=Europe/Athens EST=America/Panama EST5EDT " +
	"Egypt=Africa/Cairo Eire=Europe/Dublin Etc/GMT=UTC Etc/GMT+0=UTC Etc/GMT+1 Etc/GMT+10 Etc/GMT+11 " +
	"Etc/GMT+12 Etc/GMT+2 Etc/GMT+3 Etc/GMT+4 Etc/GMT+5 Etc/GMT+6 Etc/GMT+7 Etc/GMT+8 Etc/GMT+9 " +
	"Etc/GMT-0=UTC Etc/GMT-1 Etc/GMT-10 Etc/GMT-11 Etc/GMT-12 Etc/GMT-13 Etc/GMT-14 Etc/GMT-2 " +
	"Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 Etc/GMT-6 Etc/GMT-7 Etc/GMT-8 Etc/GMT-9 Etc/GMT0=UTC " +
	"Etc/Greenwich=UTC Etc/UCT=UTC Etc/UTC=UTC Etc/Universal=UTC Etc/Zulu=UTC Europe/Amsterdam@Europe/Brussels " +
	"Europe/Andorra Europe/Astrakhan Europe/Athens Europe/Belfast=Europe/London Europe/Belgrade " +
	"Europe/Berlin Europe/Bratislava Europe/Brussels Europe/Bucharest Europe/Budapest Europe/Busingen " +
	"Europe/Chisinau Europe/Copenhagen@Arctic/Longyearbyen Europe/Dublin Europe/Gibraltar " +
	"Europe/Guernsey@Europe/Belfast Europe/Helsinki Europe/Isle_of_Man@Europe/Belfast Europe/Istanbul " +
	"Europe/Jersey@Europe/Belfast Europe/Kaliningrad Europe/Kiev Europe/Kirov Europe/Kyiv=Europe/Kiev " +
	"Europe/Lisbon Europe/Ljubljana@Europe/Belgrade Europe/London Europe/Luxembourg@Europe/Brussels Europe/Madrid " +
	"Europe/Malta Europe/Mariehamn Europe/Minsk Europe/Monaco@Europe/Paris Europe/Moscow " +
	"Europe/Nicosia=Asia/Nicosia Europe/Oslo@Arctic/Longyearbyen Europe/Paris Europe/Podgorica " +
	"Europe/Prague Europe/Riga Europe/Rome Europe/Samara Europe/San_Marino " +
	"Europe/Sarajevo@Europe/Belgrade Europe/Saratov Europe/Simferopol Europe/Skopje@Europe/Belgrade " +
	"Europe/Sofia Europe/Stockholm@Arctic/Longyearbyen Europe/Tallinn Europe/Tirane " +
	"Europe/Tiraspol=Europe/Chisinau Europe/Ulyanovsk Europe/Uzhgorod=Europe/Kiev " +
	"Europe/Vaduz@Europe/Busingen Europe/Vatican Europe/Vienna Europe/Vilnius Europe/Volgograd " +
	"Europe/Warsaw Europe/Zagreb@Europe/Belgrade Europe/Zaporozhye=Europe/Kiev Europe/Zurich " +
	"GB=Europe/London GB-Eire=Europe/London GMT=UTC GMT+0=UTC GMT-0=UTC GMT0=UTC Greenwich=UTC " +
	"HST=Pacific/Honolulu Hongkong=Asia/Hong_Kong IET=America/Indianapolis IST=Asia/Calcutta " +
	"Iceland=Atlantic/Reykjavik Indian/Antananarivo@Africa/Asmera Indian/Chagos " +
	"Indian/Christmas@Asia/Bangkok Indian/Cocos@Asia/Rangoon Indian/Comoro@Africa/Asmera " +
	"Indian/Kerguelen@Indian/Maldives Indian/Mahe@Asia/Dubai Indian/Maldives Indian/Mauritius " +
	"Indian/Mayotte@Africa/Asmera Indian/Reunion@Asia/Dubai Iran=Asia/Tehran Israel=Asia/Jerusalem " +
	"JST=Asia/Tokyo Jamaica=America/Jamaica Japan=Asia/Tokyo Kwajalein=Pacific/Kwajalein " +
	"Libya=Africa/Tripoli MET=Europe/Brussels MIT=Pacific/Apia MST=America/Phoenix MST7MDT " +
	"Mexico/BajaNorte=America/Tijuana Mexico/BajaSur=America/Mazatlan " +
	"Mexico/General=America/Mexico_City NET=Asia/Yerevan NST=Pacific/Auckland NZ=Pacific/Auckland " +
	"NZ-CHAT=Pacific/Chatham Navajo=America/Denver PLT=Asia/Karachi PNT=America/Phoenix " +
	"PRC=Asia/Shanghai PRT=America/Puerto_Rico PST=America/Los_Angeles PST8PDT Pacific/Apia " +
	"Pacific/Auckland Pacific/Bougainville Pacific/Chatham Pacific/Chuuk=Pacific/Truk Pacific/Easter " +
	"Pacific/Efate Pacific/Enderbury Pacific/Fakaofo Pacific/Fiji Pacific/Funafuti@Pacific/Tarawa " +
	"Pacific/Galapagos Pacific/Gambier Pacific/Guadalcanal Pacific/Guam Pacific/Honolulu " +
	"Pacific/Johnston=Pacific/Honolulu Pacific/Kanton=Pacific/Enderbury Pacific/Kiritimati " +
	"Pacific/Kosrae Pacific/Kwajalein Pacific/Majuro@Pacific/Tarawa Pacific/Marquesas " +
	"Pacific/Midway@Pacific/Pago_Pago Pacific/Nauru Pacific/Niue Pacific/Norfolk Pacific/Noumea " +
	"Pacific/Pago_Pago Pacific/Palau Pacific/Pitcairn Pacific/Pohnpei=Pacific/Ponape Pacific/Ponape " +
	"Pacific/Port_Moresby Pacific/Rarotonga Pacific/Saipan@Pacific/Guam " +
	"Pacific/Samoa=Pacific/Pago_Pago Pacific/Tahiti Pacific/Tarawa Pacific/Tongatapu Pacific/Truk " +
	"Pacific/Wake@Pacific/Tarawa Pacific/Wallis@Pacific/Tarawa Pacific/Yap=Pacific/Truk " +
	"Poland=Europe/Warsaw Portugal=Europe/Lisbon ROC=Asia/Taipei ROK=Asia/Seoul " +
	"SST=Pacific/Guadalcanal Singapore=Asia/Singapore Turkey=Europe/Istanbul UCT=UTC " +
	"US/Alaska=America/Anchorage US/Aleutian=America/Adak US/Arizona=America/Phoenix " +
	"US/Central=America/Chicago US/East-Indiana=America/Indianapolis US/Eastern=America/New_York " +
	"US/Hawaii=Pacific/Honolulu US/Indiana-Starke=America/Indiana/Knox US/Michigan=America/Detroit " +
	"US/Mountain=America/Denver US/Pacific=America/Los_Angeles US/Pacific-New=America/Los_Angeles " +
	"US/Samoa=Pacific/Pago_Pago UTC Universal=UTC VST=Asia/Saigon W-SU=Europe/Moscow WET=Europe/Lisbon " +
	"Zulu=UTC " +
	""
