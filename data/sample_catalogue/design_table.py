"""The type designs of the sample catalogue: a text table, one row per design::

    kind | title | years | composition | dimensions | mints (printers) | series | shape

``kind`` picks the object type, ``years`` is ``first..last`` (negative = BC), ``dimensions`` are
``size weight [thickness]`` for coins and ``width height`` for banknotes, and a title containing
``{topic}`` makes one type per topic of ``TOPICS[series]`` spread over the years (``{ruler}`` is
replaced by the ruler of that year). ``@code`` lines set the issuer of the rows below them, and a
line starting with ``|`` continues the row above it. ``designs.parse_designs`` reads it.
"""

from __future__ import annotations

DESIGNS_TABLE = """
@etats-unis
circ | 1 Cent "Lincoln Wheat Ears Cent" | 1909..1958 | bronze | 19.05 3.11 1.52 | P D S
    | Lincoln cent
circ | 1 Cent "Lincoln Memorial Cent" | 1959..2024 | zinc | 19.05 2.5 1.52 | P D S | Lincoln cent
circ | 5 Cents "Buffalo Nickel" | 1913..1938 | cn | 21.2 5 1.95 | P D S
circ | 5 Cents "Jefferson Nickel" | 1938..2024 | cn | 21.21 5 1.95 | P D S | Jefferson nickel
circ | 10 Cents "Mercury Dime" | 1916..1945 | ag900 | 17.9 2.5 1.35 | P D S
circ | 10 Cents "Roosevelt Dime" | 1965..2024 | clad | 17.91 2.268 1.35 | P D S
circ | ¼ Dollar "Washington Quarter" | 1965..1998 | clad | 24.26 5.67 1.75 | P D S
circ | ½ Dollar "Franklin Half Dollar" | 1948..1963 | ag900 | 30.61 12.5 2.15 | P D S
circ | ½ Dollar "Kennedy Half Dollar" | 1971..2024 | clad | 30.61 11.34 2.15 | P D S
circ | 1 Dollar "Morgan Dollar" | 1878..1904 | ag900 | 38.1 26.73 2.4 | P O CC S
circ | 1 Dollar "Peace Dollar" | 1921..1935 | ag900 | 38.1 26.73 2.4 | P D S
circ | 1 Dollar "Eisenhower Dollar" | 1971..1978 | clad | 38.1 22.68 2.58 | P D S
circ | 1 Dollar "Susan B. Anthony Dollar" | 1979..1999 | clad | 26.5 8.1 2 | P D S
circ | 1 Dollar "Sacagawea Dollar" | 2000..2008 | mnbr | 26.5 8.1 2 | P D S | Golden dollars
comm | ¼ Dollar "Washington Quarter" ({topic}) | 1999..2008 | clad | 24.26 5.67 1.75 | P D S
    | 50 State Quarters
comm | ¼ Dollar "Washington Quarter" ({topic}) | 2009 | clad | 24.26 5.67 1.75 | P D S
    | D.C. and Territories Quarters
comm | ¼ Dollar "Washington Quarter" ({topic}) | 2010..2013 | clad | 24.26 5.67 1.75 | P D S
    | America the Beautiful Quarters
comm | 1 Dollar "Presidential Dollar" ({topic}) | 2007..2011 | mnbr | 26.5 8.1 2 | P D S
    | Presidential dollars
comm | 1 Dollar "Native American Dollar" ({topic}) | 2009..2020 | mnbr | 26.5 8.1 2 | P D S
    | Native American dollars
ncl | 1 Dollar ({topic}) | 1983..2022 | ag900 | 38.1 26.73 2.58 | P S W | US commemorative dollars
bull | 1 Dollar "American Silver Eagle" (Bullion Coin) | 1986..2021 | ag999 | 40.6 31.103 2.98
    | P S W | American Eagle
bull | 50 Dollars "American Gold Eagle" | 1986..2024 | au917 | 32.7 33.931 2.87 | W | American Eagle
note | 1 Dollar (Federal Reserve Note; Washington) | 1963..2021 | paper | 156 66 | BEP | Federal Reserve Notes
note | 2 Dollars (Federal Reserve Note; Jefferson) | 1976..2017 | paper | 156 66 | BEP | Federal Reserve Notes
note | 5 Dollars (Federal Reserve Note; Lincoln) | 2006..2021 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 10 Dollars (Federal Reserve Note; Hamilton) | 2004..2017 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 20 Dollars (Federal Reserve Note; Jackson) | 2004..2017 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 50 Dollars (Federal Reserve Note; Grant) | 2004..2017 | paper | 156 66 | BEP
    | Federal Reserve Notes
note | 100 Dollars (Federal Reserve Note; Franklin) | 2009..2021 | paper | 156 66 | BEP
    | Federal Reserve Notes
cmedal | Medal - {topic} | 2007..2014 | bronze | 38.1 26 | P | First Spouse medals
@canada
circ | 1 Cent - George V | 1920..1936 | bronze | 19.05 3.24 1.65 | OTT
circ | 1 Cent - George VI | 1937..1952 | bronze | 19.05 3.24 1.65 | OTT
circ | 1 Cent - Elizabeth II (Maple Twig) | 1953..2012 | bronze | 19.05 2.5 1.45 | OTT WPG
    | Canadian cent
circ | 5 Cents - Elizabeth II (Beaver) | 1953..2022 | ni | 21.2 4.54 1.76 | OTT WPG
circ | 10 Cents - Elizabeth II (Bluenose) | 1953..2022 | ni | 18.03 2.07 1.22 | OTT WPG
circ | 25 Cents - Elizabeth II (Caribou) | 1953..2022 | ni | 23.88 5.05 1.6 | OTT WPG
circ | 1 Dollar - Elizabeth II (Voyageur) | 1968..1986 | ni | 32.13 15.62 2.62 | OTT
circ | 1 Dollar - Elizabeth II (Loon) | 1987..2022 | aureate | 26.5 7 1.95 | OTT WPG
    | | Hendecagonal (11-sided)
circ | 2 Dollars - Elizabeth II (Polar Bear) | 1996..2022 | bimet | 28 7.3 1.8 | OTT WPG
comm | 25 Cents - {ruler} ({topic}) | 1992 | ni | 23.88 5.05 1.6 | OTT WPG | Canada 125
ncl | 1 Dollar - {ruler} ({topic}) | 1971..2004 | ag500 | 36.07 23.33 2.95 | OTT
    | Canadian silver dollars
bull | 5 Dollars - Elizabeth II "Silver Maple Leaf" | 1988..2022 | ag9999 | 38 31.11 3.29 | OTT
    | Maple Leaf
bull | 50 Dollars - Elizabeth II "Gold Maple Leaf" | 1979..2022 | au9999 | 30 31.11 2.8 | OTT
    | Maple Leaf
note | 1 Dollar - Elizabeth II (Parliament) | 1973..1989 | paper | 152 70 | CBN BAI
    | Scenes of Canada
note | 2 Dollars - Elizabeth II (Inuit hunters) | 1974..1986 | paper | 152 70 | CBN BAI
    | Scenes of Canada
note | 5 Dollars (Kingfisher) | 1986..2001 | paper | 152 70 | CBN BAI | Birds of Canada
note | 20 Dollars - Elizabeth II (Canadian Journey) | 2004..2012 | paper | 152 70 | CBN BAI
    | Canadian Journey
note | 5 Dollars (Frontier) | 2013..2021 | polymer | 152.4 69.85 | CBN | Frontier
cnote | 10 Dollars - Elizabeth II (Canada 150) | 2017 | polymer | 152.4 69.85 | CBN
cnote | 10 Dollars (Viola Desmond) | 2018 | polymer | 152.4 69.85 | CBN
token | Mint token - {topic} | 1990..2010 | nibr | 28 7 | WPG | Mint visitor tokens
@australie
circ | 1 Cent - Elizabeth II (Feather-tailed Glider) | 1966..1991 | bronze | 17.53 2.6 1.4 | CBR PER
circ | 2 Cents - Elizabeth II (Frilled-neck Lizard) | 1966..1991 | bronze | 21.59 5.2 1.8 | CBR PER
circ | 5 Cents - Elizabeth II (Echidna) | 1966..2022 | cn | 19.41 2.83 1.3 | CBR
circ | 10 Cents - Elizabeth II (Lyrebird) | 1966..2022 | cn | 23.6 5.65 1.9 | CBR
circ | 20 Cents - Elizabeth II (Platypus) | 1966..2022 | cn | 28.52 11.3 2.5 | CBR
circ | 50 Cents - Elizabeth II (Coat of Arms) | 1969..2022 | cn | 31.51 15.55 2 | CBR
    | | Dodecagonal (12-sided)
circ | 1 Dollar - Elizabeth II (Kangaroos) | 1984..2022 | albr | 25 9 2.8 | CBR
circ | 2 Dollars - Elizabeth II (Aboriginal Elder) | 1988..2022 | albr | 20.5 6.6 3 | CBR
comm | 1 Dollar - {ruler} ({topic}) | 2001..2016 | albr | 25 9 2.8 | CBR
    | Australian commemorative dollars
comm | 50 Cents - {ruler} ({topic}) | 1994..2019 | cn | 31.51 15.55 2 | CBR | Australian 50 cents
    | Dodecagonal (12-sided)
ncl | 1 Dollar - {ruler} ({topic}) | 2008..2019 | ag999 | 40.6 31.1 3.2 | PER | Lunar Series
bull | 1 Dollar - Elizabeth II (Kookaburra) | 1990..2022 | ag999 | 40.6 31.135 4 | PER
    | Australian Kookaburra
bull | 100 Dollars - Elizabeth II (Gold Nugget) | 1987..2022 | au9999 | 32.1 31.16 2.65 | PER
    | Australian Nugget
note | 1 Dollar - Elizabeth II | 1966..1982 | paper | 140 70 | NPA | First decimal series
note | 5 Dollars - Elizabeth II | 1992..2015 | polymer | 130 65 | NPA | Polymer series
note | 10 Dollars (Banjo Paterson) | 1993..2015 | polymer | 137 65 | NPA | Polymer series
note | 20 Dollars (Mary Reibey) | 1994..2016 | polymer | 144 65 | NPA | Polymer series
note | 50 Dollars (David Unaipon) | 1995..2017 | polymer | 151 65 | NPA | Polymer series
note | 100 Dollars (Nellie Melba) | 1996..2019 | polymer | 158 65 | NPA | Polymer series
token | Mint token - {topic} | 1988..2000 | albr | 30 11 | CBR | Royal Australian Mint tokens
@nouvelle-zelande
circ | 1 Cent - Elizabeth II (Silver Fern) | 1967..1987 | bronze | 17.53 2.07 1.3 | LLA
circ | 10 Cents - Elizabeth II (Koruru) | 1967..2006 | cn | 23.62 5.66 1.9 | LLA
circ | 50 Cents - Elizabeth II (Endeavour) | 1967..2006 | cn | 31.75 13.61 2.6 | LLA
circ | 1 Dollar - Elizabeth II (Kiwi) | 1991..2022 | albr | 23 8 2.7 | LLA
ncl | 1 Dollar - {ruler} ({topic}) | 1970..1998 | cn | 38.74 27.22 2.8 | LLA
    | New Zealand commemorative dollars
note | 5 Dollars (Edmund Hillary) | 1999..2014 | polymer | 135 65 | NPA | Polymer series
note | 10 Dollars (Kate Sheppard) | 1999..2014 | polymer | 140 68 | NPA | Polymer series
note | 20 Dollars - Elizabeth II | 1999..2014 | polymer | 145 70 | NPA | Polymer series
@royaume-uni
circ | 1 Penny - George VI | 1937..1952 | bronze | 30.8 9.45 1.9 | TWR
circ | 1 Penny - Elizabeth II | 1971..2022 | bronze | 20.32 3.56 1.52 | TWR LLA | Decimal coinage
circ | 2 Pence - Elizabeth II | 1971..2022 | bronze | 25.91 7.12 1.85 | LLA | Decimal coinage
circ | 5 Pence - Elizabeth II | 1990..2022 | cn | 18 3.25 1.7 | LLA | Decimal coinage
circ | 10 Pence - Elizabeth II | 1992..2022 | cn | 24.5 6.5 1.85 | LLA | Decimal coinage
circ | 20 Pence - Elizabeth II | 1982..2022 | cn | 21.4 5 1.7 | LLA | Decimal coinage
    | Heptagonal (7-sided)
circ | 50 Pence - Elizabeth II (Britannia) | 1997..2022 | cn | 27.3 8 1.78 | LLA | Decimal coinage
    | Heptagonal (7-sided)
circ | 1 Pound - Elizabeth II (Royal Arms) | 1983..2016 | nibr | 22.5 9.5 3.15 | LLA
    | Decimal coinage
circ | 1 Pound - Elizabeth II (Floral Emblems) | 2016..2022 | bimet | 23.43 8.75 2.8 | LLA
    | Decimal coinage | Dodecagonal (12-sided)
circ | 2 Pounds - Elizabeth II (Technology) | 1997..2015 | bimet2 | 28.4 12 2.5 | LLA
    | Decimal coinage
comm | 50 Pence - {ruler} ({topic}) | 1973..2023 | cn | 27.3 8 1.78 | LLA | British 50 pence
    | Heptagonal (7-sided)
comm | 2 Pounds - {ruler} ({topic}) | 1986..2015 | bimet2 | 28.4 12 2.5 | LLA | British 2 pounds
ncl | 5 Pounds - {ruler} ({topic}) | 1990..2022 | cn | 38.61 28.28 2.89 | LLA | British crowns
bull | 2 Pounds - Elizabeth II (Britannia) | 1998..2022 | ag999 | 38.61 31.21 3 | LLA | Britannia
bull | 100 Pounds - Elizabeth II (Britannia) | 1987..2022 | au9999 | 32.69 31.21 2.7 | LLA
    | Britannia
note | 5 Pounds (Elizabeth Fry) | 2002..2016 | paper | 135 70 | DLR | Series E
note | 10 Pounds (Charles Darwin) | 2000..2017 | paper | 142 75 | DLR | Series E
note | 20 Pounds (Adam Smith) | 2007..2020 | paper | 149 80 | DLR | Series F
note | 50 Pounds (Boulton and Watt) | 2011..2022 | paper | 156 85 | DLR | Series F
note | 5 Pounds (Winston Churchill) | 2016..2022 | polymer | 125 65 | DLR | Series G
cmedal | Medal - {topic} | 1977..2012 | cn | 38.6 28 | LLA | Royal Mint medals
@france
circ | 20 Centimes (Marianne) | 1962..2001 | albr | 23.5 4 1.45 | PAR PES
circ | 1 Franc (Semeuse) | 1960..2001 | ni | 24 6 1.7 | PAR PES | New franc coinage
circ | 5 Francs (Semeuse) | 1970..2001 | nicn | 29 10 2.15 | PAR PES | New franc coinage
circ | 10 Francs (Génie de la Bastille) | 1988..2001 | bimet | 23 6.5 2.1 | PAR PES
circ | 1 Euro Cent | 1999..2024 | custeel | 16.25 2.3 1.67 | PES | Euro coinage
circ | 10 Euro Cents | 1999..2024 | nordic | 19.75 4.1 1.93 | PES | Euro coinage
circ | 1 Euro | 1999..2024 | bimet2 | 23.25 7.5 2.33 | PES | Euro coinage
circ | 2 Euros | 1999..2024 | bimet | 25.75 8.5 2.2 | PES | Euro coinage
comm | 2 Euros ({topic}) | 2008..2024 | bimet | 25.75 8.5 2.2 | PES | French 2 euro commemoratives
ncl | 10 Euros ({topic}) | 2010..2012 | ag900 | 29 10 1.6 | PAR | French regions
note | 20 Francs (Debussy) | 1980..1997 | paper | 140 75 | BDF
note | 50 Francs (Saint-Exupéry) | 1992..1999 | paper | 123 80 | BDF
note | 100 Francs (Cézanne) | 1997..1998 | paper | 133 80 | BDF
note | 200 Francs (Eiffel) | 1995..1999 | paper | 143 80 | BDF
note | 500 Francs (Pierre and Marie Curie) | 1994..2000 | paper | 153 80 | BDF
medal | Medal - {topic} | 1975..2015 | bronze | 68 150 5 | PAR | Monnaie de Paris art medals
@allemagne
circ | 1 Pfennig | 1948..2001 | custeel | 16.5 2 1.38 | BER MUN STU KAR HAM | Deutsche Mark coinage
circ | 10 Pfennig | 1949..2001 | brsteel | 21.5 4 1.7 | BER MUN STU KAR HAM | Deutsche Mark coinage
circ | 1 Deutsche Mark | 1950..2001 | cn | 23.5 5.5 1.75 | BER MUN STU KAR HAM
    | Deutsche Mark coinage
circ | 2 Deutsche Mark (Konrad Adenauer) | 1969..1987 | nicn | 26.75 7 1.79 | BER MUN STU KAR HAM
circ | 5 Deutsche Mark | 1975..2001 | nicn | 29 10 2.25 | BER MUN STU KAR HAM
    | Deutsche Mark coinage
circ | 1 Euro Cent | 2002..2024 | custeel | 16.25 2.3 1.67 | BER MUN STU KAR HAM | Euro coinage
circ | 50 Euro Cents | 2002..2024 | nordic | 24.25 7.8 2.38 | BER MUN STU KAR HAM | Euro coinage
circ | 2 Euros | 2002..2024 | bimet | 25.75 8.5 2.2 | BER MUN STU KAR HAM | Euro coinage
comm | 2 Euros ({topic}) | 2006..2022 | bimet | 25.75 8.5 2.2 | BER MUN STU KAR HAM | German states
ncl | 10 Euro ({topic}) | 2002..2015 | ag925 | 32.5 18 2.2 | BER MUN STU KAR HAM | German 10 euro
note | 5 Deutsche Mark (Bettina von Arnim) | 1991 | paper | 122 62 | BDR GD
note | 10 Deutsche Mark (Carl Friedrich Gauss) | 1989..1999 | paper | 130 65 | BDR GD
note | 20 Deutsche Mark (Annette von Droste-Hülshoff) | 1991..1993 | paper | 138 68 | BDR GD
note | 50 Deutsche Mark (Balthasar Neumann) | 1989..1996 | paper | 146 71 | BDR GD
note | 100 Deutsche Mark (Clara Schumann) | 1989..1996 | paper | 154 74 | BDR GD
medal | Medal - {topic} | 1990..2012 | ag999 | 40 20 2.5 | MAY | German medals
@mexique
circ | 1 Peso (José María Morelos) | 1970..1983 | cn | 29 9 2.3 | MEX
circ | 10 Centavos | 1992..2009 | steel | 14 1.755 1.4 | MEX | Nuevo peso coinage
circ | 1 Peso | 1992..2024 | bimet | 21 3.95 1.9 | MEX | Nuevo peso coinage
circ | 5 Pesos | 1992..2024 | bimet | 25.5 7.07 2 | MEX | Nuevo peso coinage
circ | 10 Pesos | 1997..2024 | bimet | 28 10.33 2.2 | MEX | Nuevo peso coinage
comm | 5 Pesos ({topic}) | 2008..2010 | bimet | 25.5 7.07 2 | MEX | Bicentennial of Independence
ncl | 100 Pesos ({topic}) | 2003..2005 | ag925 | 39 33.94 2.9 | MEX | Mexican states
bull | 1 Onza "Libertad" | 1982..2024 | ag999 | 40 31.1 3.2 | MEX | Libertad
note | 20 Pesos (Benito Juárez) | 2006..2020 | polymer | 120 66 | BXM
note | 50 Pesos (José María Morelos) | 2004..2020 | polymer | 127 66 | BXM
note | 100 Pesos (Nezahualcóyotl) | 2004..2019 | paper | 134 66 | BXM
note | 200 Pesos (Sor Juana Inés de la Cruz) | 2007..2019 | paper | 141 66 | BXM
note | 500 Pesos (Diego Rivera and Frida Kahlo) | 2010..2017 | paper | 148 66 | BXM
@japon
circ | 1 Yen | 1955..2024 | al | 20 1 1.5 | OSA
circ | 5 Yen | 1959..2024 | brass | 22 3.75 1.5 | OSA | | Round with a round hole
circ | 10 Yen | 1959..2024 | bronze | 23.5 4.5 1.5 | OSA
circ | 50 Yen | 1967..2024 | cn | 21 4 1.7 | OSA | | Round with a round hole
circ | 100 Yen | 1967..2024 | cn | 22.6 4.8 1.7 | OSA
circ | 500 Yen (Paulownia) | 1982..1999 | cn | 26.5 7.2 1.8 | OSA
circ | 500 Yen (Paulownia; nickel-brass) | 2000..2021 | nibr | 26.5 7 1.8 | OSA
comm | 500 Yen ({topic}) | 2008..2016 | bimet | 26.5 7.1 1.8 | OSA | 47 Prefectures
ncl | 1000 Yen ({topic}) | 2008..2016 | ag999 | 40 31.1 2.9 | OSA | 47 Prefectures
note | 1000 Yen (Noguchi Hideyo) | 2004..2024 | paper | 150 76 | NPB
note | 5000 Yen (Higuchi Ichiyō) | 2004..2024 | paper | 156 76 | NPB
note | 10000 Yen (Fukuzawa Yukichi) | 2004..2024 | paper | 160 76 | NPB
cmedal | Medal - {topic} | 1990..2010 | ag999 | 40 30 | OSA | Japan Mint medals
@espagne
circ | 1 Peseta - Juan Carlos I | 1975..1980 | albr | 21 3.5 1.7 | MAD
circ | 100 Pesetas - Juan Carlos I | 1982..2001 | albr | 24.5 9.25 2.5 | MAD
circ | 500 Pesetas - Juan Carlos I | 1987..2001 | albr | 28 12 2.5 | MAD
circ | 1 Euro Cent - Juan Carlos I | 1999..2014 | custeel | 16.25 2.3 1.67 | MAD | Euro coinage
circ | 2 Euros - Juan Carlos I | 1999..2014 | bimet | 25.75 8.5 2.2 | MAD | Euro coinage
circ | 1 Euro - Felipe VI | 2015..2024 | bimet2 | 23.25 7.5 2.33 | MAD | Euro coinage
comm | 2 Euros - {ruler} ({topic}) | 2010..2024 | bimet | 25.75 8.5 2.2 | MAD
    | UNESCO World Heritage Sites
ncl | 10 Euro - {ruler} ({topic}) | 2002..2012 | ag925 | 40 27 | MAD | Spanish 10 euro
note | 1000 Pesetas (Hernán Cortés and Francisco Pizarro) | 1992 | paper | 130 65 | FNMT
note | 5000 Pesetas (Christopher Columbus) | 1992 | paper | 136 70 | FNMT
@italie
circ | 100 Lire | 1955..1989 | steel | 27.8 8 1.95 | ROM
circ | 500 Lire | 1982..2001 | bimet2 | 25.8 6.8 1.8 | ROM
circ | 1 Euro Cent | 2002..2024 | custeel | 16.25 2.3 1.67 | ROM | Euro coinage
circ | 2 Euros (Dante Alighieri) | 2002..2024 | bimet | 25.75 8.5 2.2 | ROM | Euro coinage
comm | 2 Euros ({topic}) | 2004..2023 | bimet | 25.75 8.5 2.2 | ROM | Italian 2 euro commemoratives
ncl | 5 Euro ({topic}) | 2003..2012 | ag925 | 32 18 | ROM | Italian 5 euro
note | 1000 Lire (Maria Montessori) | 1990..1998 | paper | 112 61 | BDI
note | 50000 Lire (Gian Lorenzo Bernini) | 1992..1999 | paper | 156 78 | BDI
@suisse
circ | 5 Rappen | 1981..2024 | albr | 17.15 1.8 1.25 | BRN
circ | 20 Rappen | 1939..2024 | cn | 21.05 4 1.65 | BRN
circ | 1 Franc (Helvetia standing) | 1968..2024 | cn | 23.2 4.4 1.55 | BRN
circ | 5 Francs (Alpine herdsman) | 1968..2024 | cn | 31.45 13.2 2.35 | BRN
ncl | 20 Francs ({topic}) | 1991..2012 | ag835 | 33 20 2.3 | BRN | Swiss commemoratives
ncl | 10 Francs ({topic}) | 2004..2012 | bimet | 33 15 | BRN | Swiss bimetallic commemoratives
note | 10 Francs (Le Corbusier) | 1995..2016 | paper | 126 74 | ORF | Eighth series
note | 20 Francs (Arthur Honegger) | 1995..2016 | paper | 137 74 | ORF | Eighth series
note | 50 Francs (Sophie Taeuber-Arp) | 1995..2016 | paper | 148 74 | ORF | Eighth series
medallion | Medallion - {topic} | 2000..2010 | ag999 | 35 20 | VAL | Swiss medallions
@belgique
circ | 1 Franc - Baudouin (Belgique) | 1951..1988 | cn | 21 4 1.55 | BRU
circ | 5 Francs - Baudouin | 1986..1993 | nibr | 20 5.5 | BRU
circ | 20 Francs - Albert II | 1994..2001 | nibr | 23 8 | BRU
circ | 1 Euro Cent - Albert II | 1999..2007 | custeel | 16.25 2.3 1.67 | BRU | Euro coinage
circ | 2 Euros - Philippe | 2014..2024 | bimet | 25.75 8.5 2.2 | BRU UTR | Euro coinage
comm | 2 Euros - {ruler} ({topic}) | 2005..2024 | bimet | 25.75 8.5 2.2 | BRU UTR
    | Belgian 2 euro commemoratives
note | 100 Francs (James Ensor) | 1995..2001 | paper | 138 76 | NBB
@pays-bas
circ | 1 Cent - Juliana | 1950..1980 | bronze | 17 2 | UTR
circ | 10 Cents - Juliana | 1950..1980 | ni | 15 1.5 | UTR
circ | 1 Gulden - Beatrix | 1982..2001 | ni | 25 6 1.8 | UTR
circ | 2½ Gulden - Beatrix | 1982..2001 | ni | 29 10 2.2 | UTR
circ | 5 Euro Cents - Beatrix | 1999..2013 | custeel | 21.25 3.92 1.67 | UTR | Euro coinage
circ | 2 Euros - Willem-Alexander | 2014..2024 | bimet | 25.75 8.5 2.2 | UTR | Euro coinage
ncl | 5 Euro - {ruler} ({topic}) | 2003..2012 | ag925 | 29 11.9 | UTR | Dutch 5 euro
note | 100 Gulden (Little owl) | 1977..1992 | paper | 155 75 | JEZ
note | 50 Gulden (Sunflower) | 1982..1999 | paper | 148 76 | JEZ
@autriche
circ | 1 Schilling | 1959..2001 | albr | 22.5 4.2 1.6 | VIE
circ | 10 Schilling | 1974..2001 | nicn | 26 6.2 1.7 | VIE
circ | 10 Euro Cents | 2002..2024 | nordic | 19.75 4.1 1.93 | VIE | Euro coinage
circ | 2 Euros (Bertha von Suttner) | 2002..2024 | bimet | 25.75 8.5 2.2 | VIE | Euro coinage
ncl | 10 Euro ({topic}) | 2002..2009 | ag925 | 32 17.3 | VIE | Austrian castles
bull | 1½ Euro "Vienna Philharmonic" | 2008..2024 | ag999 | 37 31.103 3.2 | VIE
    | Vienna Philharmonic
bull | 100 Euro "Vienna Philharmonic" | 2002..2024 | au9999 | 37 31.103 2 | VIE
    | Vienna Philharmonic
note | 100 Schilling (Eugen Böhm von Bawerk) | 1984 | paper | 146 72 | OBS
note | 500 Schilling (Rosa Mayreder) | 1997 | paper | 160 75 | OBS
medallion | Medallion - {topic} | 2002..2010 | ag999 | 36 20 | VIE | Austrian medallions
@irlande
circ | 1 Penny (Hen) | 1971..2000 | bronze | 20.32 3.56 1.52 | LLA SAN
circ | 1 Pound (Red deer) | 1990..2000 | cn | 31.1 10 2.5 | SAN
circ | 5 Euro Cent (Harp) | 2002..2024 | custeel | 21.25 3.92 1.67 | SAN | Euro coinage
circ | 2 Euros (Harp) | 2002..2024 | bimet | 25.75 8.5 2.2 | SAN | Euro coinage
comm | 2 Euros ({topic}) | 2007..2022 | bimet | 25.75 8.5 2.2 | SAN | Irish 2 euro commemoratives
ncl | 15 Euro ({topic}) | 2003..2012 | ag925 | 38.6 28.28 | SAN | Irish commemoratives
note | 5 Pounds (Catherine McAuley) | 1994..1999 | paper | 128 65 | CBI
note | 20 Pounds (Daniel O'Connell) | 1992..1999 | paper | 144 74 | CBI
@bahamas
circ | 1 Cent - Elizabeth II (Starfish) | 1966..2006 | bronze | 19 3.1 1.5 | FRK LLA
circ | 10 Cents - Elizabeth II (Bonefish) | 1966..2007 | cn | 20 4.5 1.6 | FRK LLA
    | | Scalloped (with 12 notches)
circ | 15 Cents - Elizabeth II (Hibiscus) | 1966..2005 | cn | 23 5.5 1.6 | FRK LLA
    | | Square with rounded corners
circ | 1 Dollar - Elizabeth II (Conch shell) | 1966..1974 | ag800 | 37.5 18 2.5 | FRK
ncl | 1 Dollar - {ruler} ({topic}) | 1973..2003 | ag925 | 38.6 28.3 2.9 | FRK
    | Bahamas commemoratives
note | 1 Dollar - Elizabeth II | 1974..2017 | paper | 156 67 | DLR
note | 3 Dollars - Elizabeth II | 1984..2001 | paper | 156 67 | DLR
@jamaique
circ | 1 Cent - Elizabeth II (Ackee fruit) | 1969..1990 | bronze | 21 4.2 1.5 | LLA
circ | 10 Cents - Elizabeth II (Lignum vitae) | 1969..1990 | cn | 23.6 5.6 1.8 | LLA
circ | 1 Dollar - Elizabeth II (Alexander Bustamante) | 1990..2022 | nisteel | 18.5 2.9 1.6 | LLA
    | | Heptagonal (7-sided)
circ | 5 Dollars - Elizabeth II (Norman Manley) | 1994..2022 | nisteel | 21.5 4.3 1.8 | LLA
ncl | 1 Dollar - {ruler} ({topic}) | 1976..1999 | ag925 | 38 28 2.8 | FRK | Jamaica commemoratives
note | 50 Dollars (Samuel Sharpe) | 1988..2017 | paper | 145 70 | DLR
note | 100 Dollars (Donald Sangster) | 1986..2017 | paper | 145 70 | DLR
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@bermudes
circ | 1 Cent - Elizabeth II (Wild boar) | 1970..2008 | bronze | 19 3.1 1.5 | LLA
circ | 25 Cents - Elizabeth II (Tropicbird) | 1970..2008 | cn | 24 5.7 1.7 | LLA
circ | 1 Dollar - Elizabeth II (Sailboat) | 1983..1988 | nibr | 26 9.5 2.4 | LLA
ncl | 1 Dollar - {ruler} ({topic}) | 1985..2006 | ag925 | 38.6 28.3 2.9 | POB | Bermuda triangles
    | Triangular
note | 2 Dollars - Elizabeth II | 1988..2009 | paper | 140 70 | DLR
note | 5 Dollars (Hamilton) | 2009..2018 | paper | 140 70 | DLR
@fidji
circ | 1 Cent - Elizabeth II (Tanoa) | 1969..2006 | bronze | 17.5 1.9 1.2 | LLA
circ | 10 Cents - Elizabeth II (Throwing club) | 1969..2009 | cn | 23.6 5.6 1.9 | LLA
circ | 1 Dollar - Elizabeth II (Clay pot) | 1995..2010 | nibr | 30 10 2.3 | LLA
    | | Heptagonal (7-sided)
ncl | 1 Dollar - {ruler} ({topic}) | 1986..2012 | ag999 | 38.6 31.1 | POB | Fiji commemoratives
note | 5 Dollars - Elizabeth II | 1974..2007 | paper | 140 70 | DLR
note | 10 Dollars (Flying fish) | 2012..2017 | paper | 145 72 | DLR
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@liberia
circ | 1 Cent (Elephant) | 1960..1984 | bronze | 18 2.6 1.3 | FRK
circ | 25 Cents (Liberty head) | 1960..1987 | cn | 24 5.7 1.7 | FRK
circ | 5 Dollars (Liberty head) | 1982..1985 | cn | 26.5 12 2.2 | FRK | | Decagonal (10-sided)
ncl | 1 Dollar ({topic}) | 1995..2005 | cn | 38.6 28 | POB | Liberia wildlife
ncl | 5 Dollars ({topic}) | 2000..2008 | ag999 | 38.6 20 | POB | Liberia history
note | 5 Dollars (Edward James Roye) | 2003..2016 | paper | 156 67 | DLR
note | 20 Dollars (William Tubman) | 2003..2017 | paper | 156 67 | DLR
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@zimbabwe
circ | 1 Cent (Zimbabwe Ruins) | 1980..1999 | bronze | 17.5 2.7 1.4
circ | 1 Dollar (Zimbabwe Bird) | 1980..1997 | cn | 27 8 2.2
circ | 2 Dollars (Pangolin) | 1997..2001 | albr | 24.5 7 2
circ | 5 Dollars (Rhinoceros) | 2001..2003 | bimet | 26 9 2.2
note | 10 Dollars (Chiremba Balancing Rocks) | 1980..1994 | paper | 146 72 | FPR
note | 100 Trillion Dollars (Victoria Falls) | 2008 | paper | 162 82 | GD
fantasy | 1 Euro - {topic} | 2004..2007 | bimet2 | 23.25 7.5 | | Fantasy euro patterns
@singapour
circ | 1 Cent (Apartment blocks) | 1967..1985 | bronze | 17.8 1.9 1.3 | SGP
circ | 10 Cents (Seahorse) | 1967..1985 | cn | 19.4 2.8 1.5 | SGP
circ | 1 Dollar (Merlion) | 1987..2012 | albr | 22.4 6.3 2.4 | SGP
circ | 1 Dollar (Third Series) | 2013..2024 | bimet | 24.65 7.62 2.2 | SGP
ncl | 5 Dollars ({topic}) | 1981..2019 | ag925 | 38.7 28.3 | SGP | Singapore commemoratives
note | 2 Dollars (Yusof bin Ishak) | 1999..2020 | polymer | 126 63 | NPA | Portrait series
note | 10 Dollars (Yusof bin Ishak) | 1999..2020 | paper | 141 69 | NPA | Portrait series
cnote | 50 Dollars (Golden Jubilee) | 2015 | polymer | 156 74 | NPA
@hong_kong
circ | 1 Dollar - Elizabeth II (Lion) | 1978..1992 | cn | 25.5 7.1 2.4 | LLA BIR
circ | 1 Dollar (Bauhinia) | 1993..2024 | nisteel | 25.5 7.1 2.4 | LLA
circ | 2 Dollars (Bauhinia) | 1993..2024 | cn | 28 8.4 2.2 | LLA | | Scalloped (with 12 notches)
circ | 5 Dollars (Bauhinia) | 1993..2024 | cn | 27 13.5 2.9 | LLA | | Decagonal (10-sided)
circ | 10 Dollars (Bauhinia) | 1994..2024 | bimet | 24 11 2.7 | LLA
ncl | 1000 Dollars - {ruler} ({topic}) | 1976..1987 | au917 | 28.4 15.98 | LLA
    | Hong Kong lunar gold
note | 20 Dollars (Harbour view) | 2003..2009 | paper | 143 76 | HKN
note | 100 Dollars (Lion statues) | 2003..2009 | paper | 159 79 | HKN
@athens
circ | Tetradrachm (Owl) | -454..-404 | ag | 24 17.2 | ATH | | Round (irregular)
circ | Drachm (Owl) | -449..-413 | ag | 16 4.3 | ATH | | Round (irregular)
circ | Obol (Owl) | -454..-404 | ag | 10 0.7 | ATH | | Round (irregular)
@roman_republic_ancient
circ | Denarius (Dioscuri) | -211..-208 | ag | 19 4.5 | RMA | | Round (irregular)
circ | Quinarius (Dioscuri) | -211..-208 | ag | 15 2.2 | RMA | | Round (irregular)
circ | As (Janus) | -211..-150 | bronze | 33 30 | RMA | | Round (irregular)
"""
