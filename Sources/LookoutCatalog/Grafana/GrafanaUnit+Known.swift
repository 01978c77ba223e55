extension GrafanaUnit {
    /// The unit ids Grafana 10–12 ship (the `units` schema of grafana-foundation-sdk),
    /// used to catch typos such as `"sec"` when a catalog is validated.
    package static let knownIDs: Set<String> = [
        "Bps", "EHs", "GBs", "GHs", "Gbits", "GiBs", "Gibits", "Hs", "KBs", "KHs", "Kbits", "KiBs", "Kibits",
        "MBs", "MHs", "Mbits", "MiBs", "Mibits", "Mohm", "Nm3", "PBs", "PHs", "Pbits", "PiBs", "Pibits",
        "TBs", "THs", "Tbits", "TiBs", "Tibits", "Wm2", "accFS2", "accG", "accMS2", "acres", "amp", "amph",
        "arcmin", "arcsec", "areaF2", "areaM2", "areaMI2", "binBps", "binbps", "bits", "bool", "bool_on_off",
        "bool_yes_no", "bps", "bytes", "candela", "celsius", "clockms", "clocks", "congNm3", "congm3",
        "conmgNm3", "conmgdL", "conmgm3", "conmmolL", "conngNm3", "conngm3", "conppb", "conμgNm3", "conμgm3",
        "cpm", "cps", "currencyBGN", "currencyBRL", "currencyBTC", "currencyCHF", "currencyCZK",
        "currencyDKK", "currencyEUR", "currencyGBP", "currencyIDR", "currencyILS", "currencyINR",
        "currencyISK", "currencyJPY", "currencyKRW", "currencyMYR", "currencyNOK", "currencyPHP",
        "currencyPLN", "currencyPYG", "currencyRUB", "currencySEK", "currencyTRY", "currencyUAH",
        "currencyUSD", "currencyUYU", "currencyVND", "currencyXPF", "currencyZAR", "currencymBTC",
        "currencyμBTC", "d", "dB", "dBm", "dateTimeAsIso", "dateTimeAsIsoNoDateIfToday", "dateTimeAsLocal",
        "dateTimeAsLocalNoDateIfToday", "dateTimeAsSystem", "dateTimeAsUS", "dateTimeAsUSNoDateIfToday",
        "dateTimeFromNow", "decbits", "decbytes", "decgbytes", "deckbytes", "decmbytes", "decpbytes",
        "dectbytes", "degree", "dm3", "dtdhms", "dtdurationms", "dtdurations", "dthms", "eflops", "epm",
        "eps", "ev", "fahrenheit", "farad", "ffarad", "flops", "flowcfm", "flowcfs", "flowcms", "flowgpm",
        "flowlpm", "flowmlpm", "forceN", "forceNm", "forcekN", "forcekNm", "gallons", "gbytes", "gflops",
        "grad", "gwatt", "h", "hectares", "henry", "hertz", "hex", "hex0x", "humidity", "iops", "joule",
        "kamp", "kamph", "kbytes", "kelvin", "kohm", "kvolt", "kvoltamp", "kvoltampreact", "kwatt", "kwatth",
        "kwattm", "lengthft", "lengthin", "lengthkm", "lengthm", "lengthmi", "lengthmm", "litre", "litreh",
        "locale", "lumens", "lux", "m", "m3", "mamp", "mamph", "massg", "masskg", "masslb", "massmg", "masst",
        "mbytes", "megwatt", "mflops", "mhenry", "mlitre", "mohm", "mpm", "mps", "ms", "mvolt", "mwatt",
        "mwatth", "nfarad", "none", "ns", "ohm", "opm", "ops", "pbytes", "percent", "percentunit", "pfarad",
        "pflops", "pixel", "ppm", "pps", "pressurebar", "pressurehg", "pressurehpa", "pressurekbar",
        "pressurekpa", "pressurembar", "pressurepa", "pressurepsi", "radbq", "radci", "radexpckg", "radgy",
        "radian", "radmsv", "radmsvh", "radr", "radrad", "radrem", "radsv", "radsvh", "radusv", "radusvh",
        "recpm", "recps", "reqpm", "reqps", "rotdegs", "rotghz", "rothz", "rotkhz", "rotmhz", "rotrads",
        "rotrpm", "rowspm", "rowsps", "rpm", "rps", "s", "sci", "short", "sishort", "string", "tbytes",
        "tflops", "timeticks", "velocitykmh", "velocityknot", "velocitymph", "velocityms", "volt", "voltamp",
        "voltampreact", "watt", "watth", "watthperkg", "wpm", "wps", "yflops", "zflops", "µfarad", "µhenry",
        "µs",
    ]

    /// Prefixes of Grafana's custom units (`suffix:req`, `si:B`, `currency:€`, ...).
    package static let customPrefixes = ["suffix:", "prefix:", "time:", "si:", "count:", "currency:"]
}
