"""The topics of commemorative series: one type each, for design rows whose title has ``{topic}``."""

from __future__ import annotations

TOPICS = {  # series -> "; "-separated topics, one type each
    "50 State Quarters": "Delaware; Pennsylvania; New Jersey; Georgia; Connecticut; "
    "Massachusetts; Maryland; South Carolina; New Hampshire; Virginia; New York; North Carolina; "
    "Rhode Island; Vermont; Kentucky; Tennessee; Ohio; Louisiana; Indiana; Mississippi; "
    "Illinois; Alabama; Maine; Missouri; Arkansas; Michigan; Florida; Texas; Iowa; Wisconsin; "
    "California; Minnesota; Oregon; Kansas; West Virginia; Nevada; Nebraska; Colorado; "
    "North Dakota; South Dakota; Montana; Washington; Idaho; Wyoming; Utah; Oklahoma; "
    "New Mexico; Arizona; Alaska; Hawaii",
    "D.C. and Territories Quarters": "District of Columbia; Puerto Rico; Guam; American Samoa; "
    "U.S. Virgin Islands; Northern Mariana Islands",
    "America the Beautiful Quarters": "Hot Springs; Yellowstone; Yosemite; Grand Canyon; "
    "Mount Hood; Gettysburg; Glacier; Olympic; Vicksburg; Chickasaw; El Yunque; Chaco Culture; "
    "Acadia; Hawaii Volcanoes; Denali; White Mountain; Perry's Victory; Great Basin; "
    "Fort McHenry; Mount Rushmore",
    "Presidential dollars": "George Washington; John Adams; Thomas Jefferson; James Madison; "
    "James Monroe; John Quincy Adams; Andrew Jackson; Martin Van Buren; William Henry Harrison; "
    "John Tyler; James K. Polk; Zachary Taylor; Millard Fillmore; Franklin Pierce; "
    "James Buchanan; Abraham Lincoln; Andrew Johnson; Ulysses S. Grant; Rutherford B. Hayes; "
    "James Garfield",
    "Native American dollars": "Three Sisters; Great Tree of Peace; Harvest Treaty; Trade Routes; "
    "River Canoes; Hospitality; Code Talkers; Written Syllabary; Olympic Athlete; Ironworkers; "
    "Sky Pioneers; Citizenship Act",
    "US commemorative dollars": "Los Angeles Olympiad; Statue of Liberty Centennial; "
    "Constitution Bicentennial; Congress Bicentennial; Mount Rushmore Jubilee; "
    "Korean War Memorial; Bill of Rights; World Cup USA; Jefferson Memorial; "
    "Smithsonian Sesquicentennial; Jackie Robinson; Library of Congress; Lewis and Clark; "
    "Boy Scouts Centennial; Mark Twain; Apollo 11 Jubilee",
    "Canada 125": "New Brunswick; Northwest Territories; Newfoundland; Manitoba; Yukon; Alberta; "
    "Prince Edward Island; Ontario; Nova Scotia; Quebec; Saskatchewan; British Columbia",
    "Canadian silver dollars": "British Columbia Centennial; Island Centennial; "
    "Winnipeg Centennial; Calgary Centennial; Toronto Sesquicentennial; Jacques Cartier; "
    "Vancouver Centennial; Davis Strait; Frontenac; Loyalists; Hudson Bay Voyage; "
    "Governor General's Awards; Parliament Library; Peacekeeping; Nunavut; Voyage of Discovery; "
    "Golden Jubilee; Cobalt Silver Strike; Winter Olympiad; Northern Lights",
    "Australian commemorative dollars": "Centenary of Federation; Year of the Outback; "
    "Volunteers; Women's Suffrage; Vietnam Veterans; Eureka Stockade; Gallipoli; Citizenship; "
    "Year of Astronomy; Girl Guides; Rugby League; Antarctic Expedition",
    "Australian 50 cents": "Year of the Family; Dampier; Kosciuszko; Year of Older Persons; "
    "Masterpieces in Silver; Royal Visit; Olympic Games; Cook Voyage; Lunar Landing; "
    "Reconciliation",
    "Lunar Series": "Year of the Rat; Year of the Ox; Year of the Tiger; Year of the Rabbit; "
    "Year of the Dragon; Year of the Snake; Year of the Horse; Year of the Goat; "
    "Year of the Monkey; Year of the Rooster; Year of the Dog; Year of the Pig",
    "New Zealand commemorative dollars": "Cook Bicentenary; Royal Visit; Commonwealth Games; "
    "Waitangi Day; Kakapo; Black Robin; Chatham Islands; Takahe; Royal Albatross; Hector's Dolphin",
    "British 50 pence": "Economic Community; Presidency of the Council; Health Service; "
    "Victoria Cross; Kew Gardens; Aquatics; Athletics; Benjamin Britten; Peter Rabbit; "
    "Paddington Bear; Stephen Hawking; Battle of Britain; Gruffalo; Brexit",
    "British 2 pounds": "Commonwealth Games; Bill of Rights; Bank of England; Rugby World Cup; "
    "Millennium; Marconi; Darwin; Brunel; Magna Carta; Navy",
    "British crowns": "Queen Mother; Golden Wedding; Millennium; Golden Jubilee; "
    "Trafalgar; Diamond Jubilee",
    "French 2 euro commemoratives": "Presidency of the Council; Appeal of 18 June; Fête de la "
    "Musique; Joan of Arc; Élysée Treaty; Federation Day; Breast Cancer Research; Tour de France",
    "French regions": "Alsace; Aquitaine; Auvergne; Brittany; Burgundy; Centre; Champagne; "
    "Corsica; Franche-Comté; Languedoc; Limousin; Lorraine; Normandy; Provence",
    "German states": "Schleswig-Holstein; Mecklenburg-Vorpommern; Hamburg; Saarland; Bremen; "
    "Baden-Württemberg; Bavaria; Lower Saxony; Hesse; Saxony; Berlin; Brandenburg; "
    "North Rhine-Westphalia; Rhineland-Palatinate; Thuringia; Saxony-Anhalt",
    "German 10 euro": "Museum Island; Dresden Frauenkirche; Football World Cup; Wadden Sea; "
    "Bauhaus; Federal Court; Brothers Grimm; Elbe Sandstone; Schiller; Goethe",
    "Bicentennial of Independence": "Ignacio López Rayón; Carlos María de Bustamante; "
    "Francisco Primo de Verdad; Mariano Matamoros; Miguel Ramos Arizpe; Leona Vicario; "
    "Mariano Jiménez; Hermenegildo Galeana; José María Cos; Pedro Moreno",
    "Mexican states": "Zacatecas; Yucatán; Veracruz; Tlaxcala; Tamaulipas; Tabasco; Sonora; "
    "Sinaloa; San Luis Potosí; Quintana Roo; Querétaro; Puebla",
    "47 Prefectures": "Hokkaido; Kyoto; Shimane; Nagano; Nara; Kochi; Gifu; Fukui; Aichi; "
    "Aomori; Saga; Kagoshima; Toyama; Ibaraki; Kumamoto; Akita",
    "UNESCO World Heritage Sites": "Córdoba Mosque; Altamira Cave; Gaudí Works; "
    "Segovia Aqueduct; Santiago de Compostela; Burgos Cathedral; Alhambra; Toledo; Salamanca; "
    "Oviedo Churches",
    "Spanish 10 euro": "Don Quixote; Cervantes; Columbus; Velázquez; Caravel; Flamenco",
    "Italian 2 euro commemoratives": "World Food Programme; Treaty of Rome; Human Rights; "
    "Unification; Carabinieri; Dante; Firefighters; Capitoline Wolf",
    "Italian 5 euro": "Venice Carnival; Galileo; Naples; Verdi; Leonardo",
    "Belgian 2 euro commemoratives": "Economic Union; Atomium; Treaty of Rome; Human Rights; "
    "Louis Braille; Red Cross",
    "Dutch 5 euro": "Vincent van Gogh; Silver Coin; Rembrandt; Euro; Architecture; Peace",
    "Austrian castles": "Hochosterwitz; Hellbrunn; Artstetten; Schönbrunn; Ambras; "
    "Riegersburg; Eggenberg; Hofburg",
    "Irish 2 euro commemoratives": "Treaty of Rome; Constitution; Easter Rising; Flag",
    "Irish commemoratives": "Special Olympics; Presidency; Samuel Beckett",
    "Swiss commemoratives": "Mozart; Gotthard Pass; Red Cross; Matterhorn; Chillon Castle; "
    "Jungfrau Railway; Lion of Lucerne; Swiss National Park; Rhaetian Railway; Geneva Lake",
    "Swiss bimetallic commemoratives": "Glacier Express; Bernina Express; Alpine Fauna; Grisons",
    "Bahamas commemoratives": "Independence; Flamingos; Columbus Landfall; Blue Marlin; Junkanoo",
    "Jamaica commemoratives": "Independence; Hummingbird; Caribbean Games; Reggae",
    "Bermuda triangles": "Bermuda Triangle; Sea Venture; Deliverance; Gombey Dancers; Longtail",
    "Fiji commemoratives": "Coral Reef; Sea Turtle; Sailing Canoe; Orchid; Parrotfish",
    "Liberia wildlife": "Pygmy Hippo; Leopard; Chimpanzee; Crocodile; Forest Elephant; "
    "Grey Parrot; Bongo; Sea Eagle",
    "Liberia history": "Founding of Monrovia; Flag Day; Independence; Lone Star; Pepper Coast; "
    "Providence Island",
    "Singapore commemoratives": "Monetary Authority; Changi Airport; Esplanade; Orchid; "
    "Botanic Gardens; Golden Jubilee",
    "Hong Kong lunar gold": "Year of the Dragon; Year of the Snake; Year of the Horse; "
    "Year of the Goat; Year of the Monkey; Year of the Rooster; Year of the Dog; Year of the Pig; "
    "Year of the Rat; Year of the Ox; Year of the Tiger; Year of the Rabbit",
    "First Spouse medals": "Martha Washington; Abigail Adams; Dolley Madison; Elizabeth Monroe; "
    "Louisa Adams; Anna Harrison; Letitia Tyler; Sarah Polk",
    "Royal Mint medals": "Silver Jubilee; Royal Wedding; Millennium; Diamond Jubilee",
    "Monnaie de Paris art medals": "Sailing Ship; Notre-Dame; Mont Saint-Michel; Versailles; "
    "Loire Castles; Eiffel Tower",
    "German medals": "Brandenburg Gate; Reunification; Cologne Cathedral; Neuschwanstein; "
    "Hanseatic League; Wartburg",
    "Japan Mint medals": "Cherry Blossom; Mount Fuji; Osaka Castle",
    "Mint visitor tokens": "Winnipeg Visitor Centre; Ottawa Boutique; Loon Dollar Anniversary; "
    "Coin Show; Heritage Day",
    "Royal Australian Mint tokens": "Canberra Visitor Gallery; Mint Open Day; Press Room",
    "Swiss medallions": "Shooting Festival; Wrestling Festival; Alphorn; Edelweiss",
    "Austrian medallions": "Lipizzaner; Vienna Opera; Danube",
    "Fantasy euro patterns": "Trial Strike; Specimen Pattern; Essai; Prova",
}
