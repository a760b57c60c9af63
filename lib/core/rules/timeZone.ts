/**
 * Time-zone names as Go's `time.LoadLocation` accepts them, which is how robfig/cron (and so
 * Velero) reads the `CRON_TZ=` / `TZ=` prefix of a schedule.
 *
 * Go looks a name up, case-sensitively, in the IANA time-zone database on the Velero server.
 * This module answers the same question without touching the file system: it knows the names of
 * the IANA database (release 2025b, zones and links alike) and adds any zone the running
 * JavaScript engine's `Intl` lists under its exact spelling, so zones added after 2025b are
 * accepted once Node ships them.
 *
 * Residual differences from Go, all deliberate (see {@link explainNonIanaTimeZone}):
 * - Go opens any file under the server's zoneinfo directory, so it also loads names that are not
 *   IANA zone names: the `posix/…` and `right/…` copies of the database (`right/` zones count leap
 *   seconds, which Go does not, so their transitions come out up to 27 seconds late), path
 *   spellings of a zone (`Europe//Berlin`, `Europe/./Berlin`, `./Europe/Berlin`), and `Factory`,
 *   `localtime` and `posixrules` where the image has them. They are refused here: a schedule's
 *   zone should mean the same on every Velero server, and these depend on the image's files.
 * - Go reads the database the Velero image carries; a name added to IANA after that image was
 *   built is accepted here but not by that server, and a link IANA added after 2025b that
 *   `Intl` does not list under that spelling is rejected here.
 * - With `ZONEINFO` set or on a case-insensitive file system Go may accept more spellings.
 * - The empty name, which Go reads as UTC, is not a time-zone name here; the cron rules handle
 *   `TZ= ` themselves.
 */

/** Every zone and link name of the IANA time-zone database, release 2025b, grouped by area. */
const IANA_ZONE_NAMES_BY_AREA: Readonly<Record<string, string>> = {
  '':
    'CET CST6CDT Cuba EET EST EST5EDT Egypt Eire GB GB-Eire GMT GMT+0 GMT-0 GMT0 Greenwich ' +
    'HST Hongkong Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST MST7MDT NZ ' +
    'NZ-CHAT Navajo PRC PST8PDT Poland Portugal ROC ROK Singapore Turkey UCT UTC Universal ' +
    'W-SU WET Zulu',
  Africa:
    'Abidjan Accra Addis_Ababa Algiers Asmara Asmera Bamako Bangui Banjul Bissau Blantyre ' +
    'Brazzaville Bujumbura Cairo Casablanca Ceuta Conakry Dakar Dar_es_Salaam Djibouti Douala ' +
    'El_Aaiun Freetown Gaborone Harare Johannesburg Juba Kampala Khartoum Kigali Kinshasa ' +
    'Lagos Libreville Lome Luanda Lubumbashi Lusaka Malabo Maputo Maseru Mbabane Mogadishu ' +
    'Monrovia Nairobi Ndjamena Niamey Nouakchott Ouagadougou Porto-Novo Sao_Tome Timbuktu ' +
    'Tripoli Tunis Windhoek',
  America:
    'Adak Anchorage Anguilla Antigua Araguaina Argentina/Buenos_Aires Argentina/Catamarca ' +
    'Argentina/ComodRivadavia Argentina/Cordoba Argentina/Jujuy Argentina/La_Rioja ' +
    'Argentina/Mendoza Argentina/Rio_Gallegos Argentina/Salta Argentina/San_Juan ' +
    'Argentina/San_Luis Argentina/Tucuman Argentina/Ushuaia Aruba Asuncion Atikokan Atka ' +
    'Bahia Bahia_Banderas Barbados Belem Belize Blanc-Sablon Boa_Vista Bogota Boise ' +
    'Buenos_Aires Cambridge_Bay Campo_Grande Cancun Caracas Catamarca Cayenne Cayman Chicago ' +
    'Chihuahua Ciudad_Juarez Coral_Harbour Cordoba Costa_Rica Coyhaique Creston Cuiaba ' +
    'Curacao Danmarkshavn Dawson Dawson_Creek Denver Detroit Dominica Edmonton Eirunepe ' +
    'El_Salvador Ensenada Fort_Nelson Fort_Wayne Fortaleza Glace_Bay Godthab Goose_Bay ' +
    'Grand_Turk Grenada Guadeloupe Guatemala Guayaquil Guyana Halifax Havana Hermosillo ' +
    'Indiana/Indianapolis Indiana/Knox Indiana/Marengo Indiana/Petersburg Indiana/Tell_City ' +
    'Indiana/Vevay Indiana/Vincennes Indiana/Winamac Indianapolis Inuvik Iqaluit Jamaica ' +
    'Jujuy Juneau Kentucky/Louisville Kentucky/Monticello Knox_IN Kralendijk La_Paz Lima ' +
    'Los_Angeles Louisville Lower_Princes Maceio Managua Manaus Marigot Martinique Matamoros ' +
    'Mazatlan Mendoza Menominee Merida Metlakatla Mexico_City Miquelon Moncton Monterrey ' +
    'Montevideo Montreal Montserrat Nassau New_York Nipigon Nome Noronha North_Dakota/Beulah ' +
    'North_Dakota/Center North_Dakota/New_Salem Nuuk Ojinaga Panama Pangnirtung Paramaribo ' +
    'Phoenix Port-au-Prince Port_of_Spain Porto_Acre Porto_Velho Puerto_Rico Punta_Arenas ' +
    'Rainy_River Rankin_Inlet Recife Regina Resolute Rio_Branco Rosario Santa_Isabel Santarem ' +
    'Santiago Santo_Domingo Sao_Paulo Scoresbysund Shiprock Sitka St_Barthelemy St_Johns ' +
    'St_Kitts St_Lucia St_Thomas St_Vincent Swift_Current Tegucigalpa Thule Thunder_Bay ' +
    'Tijuana Toronto Tortola Vancouver Virgin Whitehorse Winnipeg Yakutat Yellowknife',
  Antarctica:
    'Casey Davis DumontDUrville Macquarie Mawson McMurdo Palmer Rothera South_Pole Syowa ' +
    'Troll Vostok',
  Arctic: 'Longyearbyen',
  Asia:
    'Aden Almaty Amman Anadyr Aqtau Aqtobe Ashgabat Ashkhabad Atyrau Baghdad Bahrain Baku ' +
    'Bangkok Barnaul Beirut Bishkek Brunei Calcutta Chita Choibalsan Chongqing Chungking ' +
    'Colombo Dacca Damascus Dhaka Dili Dubai Dushanbe Famagusta Gaza Harbin Hebron ' +
    'Ho_Chi_Minh Hong_Kong Hovd Irkutsk Istanbul Jakarta Jayapura Jerusalem Kabul Kamchatka ' +
    'Karachi Kashgar Kathmandu Katmandu Khandyga Kolkata Krasnoyarsk Kuala_Lumpur Kuching ' +
    'Kuwait Macao Macau Magadan Makassar Manila Muscat Nicosia Novokuznetsk Novosibirsk Omsk ' +
    'Oral Phnom_Penh Pontianak Pyongyang Qatar Qostanay Qyzylorda Rangoon Riyadh Saigon ' +
    'Sakhalin Samarkand Seoul Shanghai Singapore Srednekolymsk Taipei Tashkent Tbilisi Tehran ' +
    'Tel_Aviv Thimbu Thimphu Tokyo Tomsk Ujung_Pandang Ulaanbaatar Ulan_Bator Urumqi Ust-Nera ' +
    'Vientiane Vladivostok Yakutsk Yangon Yekaterinburg Yerevan',
  Atlantic:
    'Azores Bermuda Canary Cape_Verde Faeroe Faroe Jan_Mayen Madeira Reykjavik South_Georgia ' +
    'St_Helena Stanley',
  Australia:
    'ACT Adelaide Brisbane Broken_Hill Canberra Currie Darwin Eucla Hobart LHI Lindeman ' +
    'Lord_Howe Melbourne NSW North Perth Queensland South Sydney Tasmania Victoria West ' +
    'Yancowinna',
  Brazil: 'Acre DeNoronha East West',
  Canada: 'Atlantic Central Eastern Mountain Newfoundland Pacific Saskatchewan Yukon',
  Chile: 'Continental EasterIsland',
  Etc:
    'GMT GMT+0 GMT+1 GMT+10 GMT+11 GMT+12 GMT+2 GMT+3 GMT+4 GMT+5 GMT+6 GMT+7 GMT+8 GMT+9 ' +
    'GMT-0 GMT-1 GMT-10 GMT-11 GMT-12 GMT-13 GMT-14 GMT-2 GMT-3 GMT-4 GMT-5 GMT-6 GMT-7 GMT-8 ' +
    'GMT-9 GMT0 Greenwich UCT UTC Universal Zulu',
  Europe:
    'Amsterdam Andorra Astrakhan Athens Belfast Belgrade Berlin Bratislava Brussels Bucharest ' +
    'Budapest Busingen Chisinau Copenhagen Dublin Gibraltar Guernsey Helsinki Isle_of_Man ' +
    'Istanbul Jersey Kaliningrad Kiev Kirov Kyiv Lisbon Ljubljana London Luxembourg Madrid ' +
    'Malta Mariehamn Minsk Monaco Moscow Nicosia Oslo Paris Podgorica Prague Riga Rome Samara ' +
    'San_Marino Sarajevo Saratov Simferopol Skopje Sofia Stockholm Tallinn Tirane Tiraspol ' +
    'Ulyanovsk Uzhgorod Vaduz Vatican Vienna Vilnius Volgograd Warsaw Zagreb Zaporozhye ' +
    'Zurich',
  Indian:
    'Antananarivo Chagos Christmas Cocos Comoro Kerguelen Mahe Maldives Mauritius Mayotte ' +
    'Reunion',
  Mexico: 'BajaNorte BajaSur General',
  Pacific:
    'Apia Auckland Bougainville Chatham Chuuk Easter Efate Enderbury Fakaofo Fiji Funafuti ' +
    'Galapagos Gambier Guadalcanal Guam Honolulu Johnston Kanton Kiritimati Kosrae Kwajalein ' +
    'Majuro Marquesas Midway Nauru Niue Norfolk Noumea Pago_Pago Palau Pitcairn Pohnpei ' +
    'Ponape Port_Moresby Rarotonga Saipan Samoa Tahiti Tarawa Tongatapu Truk Wake Wallis Yap',
  US:
    'Alaska Aleutian Arizona Central East-Indiana Eastern Hawaii Indiana-Starke Michigan ' +
    'Mountain Pacific Samoa',
};

/** The name Go's `time.LoadLocation` gives the Velero server's own time zone. */
export const GO_LOCAL_TIME_ZONE = 'Local';

let knownNames: ReadonlySet<string> | undefined;
let namesByLowerCase: ReadonlyMap<string, string> | undefined;

function intlTimeZones(): readonly string[] {
  const supportedValuesOf = (Intl as { supportedValuesOf?: (key: string) => string[] })
    .supportedValuesOf;
  if (typeof supportedValuesOf !== 'function') return [];
  try {
    return supportedValuesOf.call(Intl, 'timeZone');
  } catch {
    return [];
  }
}

function allKnownNames(): ReadonlySet<string> {
  if (knownNames === undefined) {
    const names = new Set<string>();
    for (const [area, list] of Object.entries(IANA_ZONE_NAMES_BY_AREA)) {
      for (const place of list.split(' ')) names.add(area === '' ? place : `${area}/${place}`);
    }
    for (const name of intlTimeZones()) names.add(name);
    knownNames = names;
  }
  return knownNames;
}

function lowerCaseIndex(): ReadonlyMap<string, string> {
  if (namesByLowerCase === undefined) {
    const index = new Map<string, string>();
    for (const name of allKnownNames()) index.set(name.toLowerCase(), name);
    index.set(GO_LOCAL_TIME_ZONE.toLowerCase(), GO_LOCAL_TIME_ZONE);
    namesByLowerCase = index;
  }
  return namesByLowerCase;
}

/**
 * True when Go's `time.LoadLocation` accepts `name` as a time zone on a Velero server with the
 * standard IANA database: a zone or link name spelt exactly as IANA spells it (`Europe/Berlin`,
 * `US/Eastern`, `Asia/Calcutta`, `Etc/UTC`, `UTC`), or Go's `Local`.
 *
 * Unlike `Intl`, Go is case-sensitive, so `europe/berlin` is rejected; and abbreviations that
 * only ICU knows (`PST`, `IST`, `JST`) are rejected as Go rejects them. See the module comment for
 * the residual differences from Go.
 */
export function isIanaTimeZone(name: string): boolean {
  if (typeof name !== 'string' || name === '') return false;
  return name === GO_LOCAL_TIME_ZONE || allKnownNames().has(name);
}

/** Files of a Debian-style zoneinfo directory that Go loads but that are no IANA zone name. */
const GO_LOADABLE_FILES = ['Factory', 'localtime', 'posixrules'];

/**
 * Why a name that Go's `time.LoadLocation` would load on a Velero server with a full zoneinfo
 * tree is still refused here, or `undefined` when the name is not such a name. Covers the
 * `posix/` and `right/` copies of a zone, path spellings of a zone (`Europe//Berlin`,
 * `Europe/./Berlin`, `./Europe/Berlin`) and the files `Factory`, `localtime` and `posixrules`.
 */
export function explainNonIanaTimeZone(name: string): string | undefined {
  if (typeof name !== 'string' || name === '' || isIanaTimeZone(name)) return undefined;
  const policy =
    'this library accepts only IANA zone names, so that a schedule means the same on every Velero server whatever files its image has';
  const copy = /^(posix|right)\/(.+)$/.exec(name);
  if (copy !== null) {
    const [, tree = '', zone = ''] = copy;
    const inner = isIanaTimeZone(zone) ? zone : normalizeZonePath(zone);
    if (inner !== undefined && isIanaTimeZone(inner)) {
      const leap =
        tree === 'right'
          ? ' (its transitions count leap seconds, which Go does not, so they come out up to 27 seconds late)'
          : '';
      return `Go loads ${JSON.stringify(name)} from the ${tree}/ copy of the zoneinfo directory${leap}, but ${policy}: write ${JSON.stringify(inner)}`;
    }
  }
  const normalized = normalizeZonePath(name);
  if (normalized !== undefined && normalized !== name && isIanaTimeZone(normalized)) {
    return `Go opens ${JSON.stringify(name)} as a file path and so loads ${JSON.stringify(normalized)}, but ${policy}: write ${JSON.stringify(normalized)}`;
  }
  if (GO_LOADABLE_FILES.includes(name)) {
    return `Go loads the zoneinfo file ${JSON.stringify(name)} where the server's image has it, but it is no IANA zone name and ${policy}`;
  }
  return undefined;
}

/** `name` with empty and `.` path segments removed, as the file system reads it; `undefined` for `..`. */
function normalizeZonePath(name: string): string | undefined {
  const segments = name.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..') || name.endsWith('/') || name.endsWith('/.')) return undefined;
  return segments.join('/');
}

/**
 * The time-zone name a user most likely meant by a name {@link isIanaTimeZone} rejects: the
 * correctly capitalised name (`europe/berlin` → `Europe/Berlin`), or the zone `Intl` maps an
 * abbreviation to (`PST` → `America/Los_Angeles`). `undefined` when nothing fits or when `name`
 * is already valid.
 */
export function suggestIanaTimeZone(name: string): string | undefined {
  if (typeof name !== 'string' || name === '' || isIanaTimeZone(name)) return undefined;
  const sameLetters = lowerCaseIndex().get(name.toLowerCase());
  if (sameLetters !== undefined) return sameLetters;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    return isIanaTimeZone(resolved) ? resolved : undefined;
  } catch {
    return undefined;
  }
}
