"""Demo records of 2022-01-01..2023-08-31 that reproduce the seed report's figures.

The seed (the province's report to the 21st National Foreign Affairs Conference) says:
6 outbound trips (France, India, Korea, Thailand, Japan, Germany); 72 inbound visits
with 766 guests of 26 nationalities; 37 international conferences with 2,720
participants; 15 agreements signed; 19 foreigners in distress in the province (of
British, Chinese, Cambodian, Lao, French, Polish, Australian and German nationality);
14 foreign NGO aid programmes and projects committing 1,618,804 USD, and 2 meetings
with NGOs. ``build()`` makes records with exactly those
figures under the report's rules (DESIGN §7), with invented names, plus matters that
must not count: rejected, withdrawn and refused ones inside the period, and approved
ones a day before and after it. ``load()`` imports them through the import service,
so loading twice changes nothing.
"""

import datetime
import random
from decimal import Decimal

from . import importing

PERIOD = (datetime.date(2022, 1, 1), datetime.date(2023, 8, 31))
FILE_NAME = "du-lieu-minh-hoa-2022-2023"
SEED = 21  # the 21st National Foreign Affairs Conference


def _words(text: str) -> list[str]:
    return text.split()


TRIP_COUNTRIES = ["FR", "IN", "KR", "TH", "JP", "DE"]
VISITS, GUESTS = 72, 766
CONFERENCES, PARTICIPANTS = 37, 2720
AGREEMENTS = 15
AID_PROJECTS, AID_VALUE_USD, AID_MEETINGS = 14, 1_618_804, 2
# 26 nationalities; the first are the most frequent guests.
NATIONALITIES = _words(
    "KR JP CN US FR DE AU TH LA KH SG IN RU GB NL IT CA NZ MY ID PH BE CH SE FI DK"
)

# Invented names. Vietnamese officials: family, middle and given names.
VN_FAMILY = _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
VN_MIDDLE = _words("Văn Thị Minh Quang Thanh Hữu Ngọc Đức Xuân Hoài")
VN_GIVEN = _words("Hùng Lan Sơn Hải Thảo Bình Phúc Tâm Hòa Khánh Long Vy Trung Nhân Quyên")
POSITIONS = [
    "Phó Chủ tịch UBND tỉnh",
    "Giám đốc Sở",
    "Phó Giám đốc Sở",
    "Trưởng phòng",
    "Chuyên viên",
    "Chủ tịch Hội đồng quản trị",
]
# Foreign guests, by language: (given names, family names); the family name comes first
# where the custom is so.
NAMES = {
    "ko": ("Min-jun Seo-yeon Ji-ho Ha-eun Dong-hyun", "Kim Lee Park Choi Jung", True),
    "ja": ("Hiroshi Yuki Takeshi Aiko Kenji", "Sato Suzuki Takahashi Tanaka Watanabe", True),
    "zh": ("Wei Fang Jun Li Hao", "Wang Zhang Liu Chen Yang", True),
    "en": ("James Emily Michael Sarah David", "Smith Johnson Brown Wilson Taylor", False),
    "fr": ("Pierre Claire Julien Sophie Antoine", "Martin Bernard Dubois Laurent Moreau", False),
    "de": ("Lukas Anna Felix Katrin Jonas", "Müller Schmidt Fischer Weber Becker", False),
    "th": ("Somchai Suda Anan Malee Chai", "Srisuk Chaiyaporn Wongsa Boonmee Rattana", False),
    "lo": ("Bounmy Khamla Somphone Vilay Keo", "Phommachanh Sisavath Vongsa Keola", False),
    "km": ("Sok Dara Chenda Vanna Rithy", "Chea Sok Heng Lim Keo", True),
    "hi": ("Arjun Priya Rahul Anita Vikram", "Sharma Patel Gupta Iyer Reddy", False),
    "ru": ("Ivan Olga Dmitry Elena Sergei", "Ivanov Petrova Smirnov Volkova Popov", False),
    "nl": ("Daan Sanne Bram Lotte Ruben", "de Jong Jansen de Vries Bakker Visser", False),
    "it": ("Marco Giulia Luca Chiara Matteo", "Rossi Russo Ferrari Esposito Bianchi", False),
    "ms": ("Ahmad Siti Hafiz Nurul Aziz", "Ibrahim Rahman Hassan Yusof Ismail", False),
    "id": ("Budi Dewi Agus Sri Eko", "Santoso Wijaya Saputra Lestari Hidayat", False),
    "tl": ("Jose Maria Mark Angelica Paolo", "Santos Reyes Cruz Bautista Garcia", False),
    "pt": ("João Ana Pedro Beatriz Lucas", "Silva Santos Oliveira Souza Costa", False),
    "sv": ("Erik Anna Lars Karin Johan", "Andersson Johansson Karlsson Nilsson Virtanen", False),
}
LANGUAGE = {
    "KR": "ko", "JP": "ja", "CN": "zh", "SG": "en", "US": "en", "GB": "en", "AU": "en",
    "CA": "en", "NZ": "en", "FR": "fr", "BE": "fr", "CH": "de", "DE": "de", "TH": "th",
    "LA": "lo", "KH": "km", "IN": "hi", "RU": "ru", "NL": "nl", "IT": "it", "MY": "ms",
    "ID": "id", "PH": "tl", "SE": "sv", "FI": "sv", "DK": "sv", "BR": "pt",
}  # fmt: skip
DELEGATIONS = [
    "Đoàn chính quyền địa phương {c}",
    "Đoàn doanh nghiệp {c} khảo sát đầu tư",
    "Đoàn Đại sứ quán {c}",
    "Đoàn trường đại học {c} trao đổi học thuật",
    "Đoàn tổ chức phi chính phủ {c}",
    "Đoàn nhà khoa học {c}",
]
HOSTS = ["SNV", "SCT", "DHQN", "ICISE", "VP", "Sở Văn hóa và Thể thao", "Ban Quản lý Khu kinh tế"]
CONFERENCE_TITLES = [
    "Hội thảo quốc tế Vật lý hạt và Vũ trụ học",
    "Hội thảo quốc tế về Neutrino",
    "Hội thảo quốc tế Khoa học vật liệu",
    "Hội thảo quốc tế Toán học ứng dụng",
    "Hội thảo quốc tế Sinh học phân tử",
    "Hội nghị xúc tiến đầu tư doanh nghiệp Nhật Bản",
    "Hội nghị xúc tiến đầu tư doanh nghiệp Đức",
    "Hội thảo xúc tiến đầu tư Thái Lan",
    "Hội thảo quốc tế Giáo dục đại học",
    "Hội thảo quốc tế Y học nhiệt đới",
]
PARTNERS = [
    ("Tỉnh Gifu", "JP", "local_government"),
    ("Tỉnh Jeollanam", "KR", "local_government"),
    ("Thành phố Ubon Ratchathani", "TH", "local_government"),
    ("Tỉnh Champasak", "LA", "local_government"),
    ("Vùng Normandie", "FR", "local_government"),
    ("Bang Sachsen", "DE", "local_government"),
    ("Đại học Tohoku", "JP", "organisation"),
    ("Đại học Kyung Hee", "KR", "organisation"),
    ("Viện Nghiên cứu Hạt nhân Quốc gia", "IN", "agency"),
    ("Tổ chức KOICA", "KR", "international"),
    ("Tập đoàn Sumiden", "JP", "organisation"),
    ("Tỉnh Ratanakiri", "KH", "local_government"),
    ("Đại học Bordeaux", "FR", "organisation"),
    ("Hiệp hội Doanh nghiệp Singapore", "SG", "organisation"),
    ("Tỉnh Queensland", "AU", "local_government"),
]


# Invented foreign NGOs: (name, Vietnamese name, country).
NGOS = [
    ("Children of the Coast Foundation", "Quỹ Trẻ em vùng biển", "US"),
    ("Hope for Villages", "Tổ chức Hy vọng cho làng quê", "GB"),
    ("Aide Médicale Solidaire", "Tổ chức Y tế Đoàn kết", "FR"),
    ("Nordic Clean Water", "Tổ chức Nước sạch Bắc Âu", "SE"),
    ("Korea Friendship Volunteers", "Tổ chức Tình nguyện Hữu nghị Hàn Quốc", "KR"),
    ("Green Delta Japan", "Tổ chức Đồng bằng Xanh Nhật Bản", "JP"),
    ("Deutsche Schulhilfe", "Tổ chức Hỗ trợ trường học Đức", "DE"),
]
AID_TITLES = [
    ("Nâng cao năng lực y tế cơ sở", "health", "Sở Y tế"),
    ("Cung cấp nước sạch cho các xã ven biển", "environment", "Sở Nông nghiệp và Môi trường"),
    ("Học bổng cho học sinh nghèo vượt khó", "education", "Sở Giáo dục và Đào tạo"),
    ("Sinh kế bền vững cho phụ nữ nông thôn", "social", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("Nhà an toàn phòng chống bão lũ", "disaster", "Sở Nông nghiệp và Môi trường"),
    ("Trang thiết bị phục hồi chức năng", "health", "Sở Y tế"),
    ("Nghiên cứu khoa học cơ bản cho sinh viên", "education", "DHQN"),
]


def load(stdout):
    """Import the demo records of 2022-01-01..2023-08-31 (idempotent) and say what changed."""
    result = importing.import_records(build(), file_name=FILE_NAME)
    stdout.write("Hồ sơ cũ minh họa 2022–2023 (số liệu báo cáo):")
    for line in importing.summary_lines(result):
        stdout.write(f"  {line}")
    figures, requests = _load_other_offices()
    stdout.write(
        f"  Số liệu của cơ quan khác: {figures} tạo mới; đề nghị cung cấp: {requests} tạo mới."
    )
    stdout.write(f"  Dự thảo báo cáo kỳ 01/01/2022–31/08/2023: {_load_draft()} tạo mới.")


# -- the other offices' figures (the seed's FDI and trade figures; documents invented) ------

FIGURES = [
    # indicator, from, to, value, source unit's code, document
    ("fdi_projects", *PERIOD, "5", "STC", "1520/STC-ĐTNN ngày 05/9/2023"),
    ("fdi_capital", *PERIOD, "41.2", "STC", "1520/STC-ĐTNN ngày 05/9/2023"),
    ("exports", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "1550", "SCT",
     "85/SCT-QLTM ngày 12/01/2023"),
    ("imports", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "469.7", "SCT",
     "85/SCT-QLTM ngày 12/01/2023"),
    ("exports", datetime.date(2023, 1, 1), PERIOD[1], "980.2", "SCT",
     "1402/SCT-QLTM ngày 06/9/2023"),
    ("imports", datetime.date(2023, 1, 1), PERIOD[1], "281.1", "SCT",
     "1402/SCT-QLTM ngày 06/9/2023"),
]  # fmt: skip
# The request still awaiting its answer: the police's figure of foreigners residing.
PENDING_REQUEST = ("CA", ["foreign_residents"])
DEMO_REVIEWER = "chuyenvien.snv"


def _load_other_offices() -> tuple[int, int]:
    """Enter the figures other offices gave for the demo period and one request still
    awaited, through the services (audited) and only where missing, so that loading
    again changes nothing. Return how many figures and requests were created."""
    from organizations.models import Unit, User

    from . import services
    from .models import ExternalFigure, FigureRequest

    reviewer = User.objects.filter(username=DEMO_REVIEWER).first()
    if reviewer is None:
        return 0, 0
    units = {u.code: u for u in Unit.objects.filter(code__in={"STC", "SCT", "CA"})}
    figures = 0
    for indicator, start, end, value, code, document in FIGURES:
        key = {"indicator": indicator, "date_from": start, "date_to": end}
        if code not in units or ExternalFigure.objects.filter(**key).exists():
            continue
        services.record_figure(
            actor=reviewer,
            fields={**key, "value": Decimal(value), "source_agency": units[code].name,
                    "source_document": f"Văn bản số {document}", "note": ""},
        )  # fmt: skip
        figures += 1
    code, indicators = PENDING_REQUEST
    asked = FigureRequest.objects.filter(agency__code=code, date_from=PERIOD[0], date_to=PERIOD[1])
    if code not in units or asked.exists():
        return figures, 0
    services.request_figures(
        actor=reviewer,
        agency=units[code],
        indicators=indicators,
        date_from=PERIOD[0],
        date_to=PERIOD[1],
        note="Đề nghị cung cấp số người nước ngoài cư trú trên địa bàn tỉnh trong kỳ báo cáo.",
    )
    return figures, 1


# -- the period's draft: the seed's title, request and text (abridged) ----------------------

DRAFT_SUBJECT = (
    "từ Hội nghị Ngoại vụ toàn quốc lần thứ 20 và định hướng công tác đối ngoại trong thời gian tới"
)
DRAFT_REQUEST = (
    "Công văn số 4314/BNG-CNV ngày 30/8/2023 của Bộ Ngoại giao về việc chuẩn bị nội dung "
    "phục vụ Hội nghị Ngoại vụ toàn quốc lần thứ 21"
)
DRAFT_TEXTS = {
    "context": (
        "Kể từ Hội nghị Ngoại vụ 20 đến nay, tình hình thế giới và khu vực diễn biến phức "
        "tạp, khó lường, nhất là ảnh hưởng của xung đột quân sự giữa Nga - Ukraine, biến động "
        "giá cả xăng dầu, khí đốt, lương thực… đã tác động tiêu cực đến kinh tế - xã hội cả "
        "nước nói chung và của tỉnh nói riêng. Được sự quan tâm, lãnh đạo, chỉ đạo sâu sát và "
        "thống nhất của Tỉnh ủy, Ủy ban nhân dân tỉnh nên hoạt động đối ngoại của tỉnh triển "
        "khai khá đồng bộ, góp phần phát triển kinh tế - xã hội, đảm bảo quốc phòng, an ninh."
    ),
    "economic": (
        "- Về hoạt động xúc tiến đầu tư và xúc tiến thương mại quốc tế: Tỉnh đã tổ chức hiệu "
        "quả các Đoàn xúc tiến đầu tư thương mại ở các nước: Đức, Hàn Quốc, Nhật Bản, Thái "
        "Lan, Trung Quốc; tổ chức Hội nghị xúc tiến đầu tư các doanh nghiệp nước ngoài tại "
        "tỉnh."
    ),
    "culture": (
        "- Về công tác văn hóa đối ngoại: Tỉnh đã ban hành Kế hoạch thực hiện Chiến lược ngoại "
        "giao văn hóa đến năm 2030 và thường xuyên tổ chức tuyên truyền, quảng bá văn hóa, "
        "hình ảnh vùng đất, con người của tỉnh đến với bạn bè quốc tế.\n"
        "- Về công tác thông tin đối ngoại: Thường xuyên thông tin và giới thiệu tiềm năng, "
        "cơ hội hợp tác đầu tư, xúc tiến thương mại, du lịch; phát hành định kỳ Bản tin đối "
        "ngoại của tỉnh."
    ),
    "consular": (
        "- Tình hình thu hút nguồn lực, tri thức kiều bào: Tỉnh luôn tạo điều kiện thuận lợi "
        "và hỗ trợ các doanh nhân, doanh nghiệp kiều bào đến tìm hiểu môi trường đầu tư, "
        "triển khai dự án đầu tư, kinh doanh tại tỉnh."
    ),
    "border": (
        "- Công tác quản lý tàu cá, ngư dân, tình trạng xâm phạm vùng biển nước ngoài: Toàn "
        "tỉnh hiện có 3.292 chiếc có chiều dài lớn nhất từ 15m trở lên hoạt động khai thác ở "
        "vùng khơi, 100% tàu đã được trang bị thiết bị giám sát hành trình theo quy định."
    ),
    "assessment": (
        "Hoạt động đối ngoại của tỉnh đã đạt được một số kết quả tích cực. Tuy nhiên, do ảnh "
        "hưởng của đại dịch COVID-19 và một số khó khăn, tác động tiêu cực của tình hình thế "
        "giới đã làm ảnh hưởng đến thu hút đầu tư, thu hút các nguồn vốn hỗ trợ từ các tổ "
        "chức quốc tế."
    ),
    "directions": (
        "- Tăng cường kết nối, đẩy mạnh hợp tác quốc tế; thiết lập quan hệ hữu nghị hợp tác "
        "với các địa phương nước ngoài có nhiều tiềm năng.\n"
        "- Đẩy mạnh kinh tế đối ngoại; chủ động thu hút, vận động viện trợ PCPNN đúng đối "
        "tượng, nội dung."
    ),
    "recommendations": (
        "- Kính đề nghị Bộ Ngoại giao quan tâm, chỉ đạo các đơn vị thuộc Bộ và các cơ quan "
        "đại diện Việt Nam ở nước ngoài giúp tỉnh đẩy mạnh công tác tuyên truyền, giới thiệu "
        "tiềm năng, lợi thế và chính sách thu hút đầu tư của tỉnh.\n"
        "- Kính đề nghị Bộ Ngoại giao chỉ đạo cơ quan đại diện Việt Nam ở nước ngoài kịp thời "
        "thông báo các trường hợp ngư dân bị bắt giữ và trao trả để ngư dân sớm được về nước."
    ),
}


def _load_draft() -> int:
    """Save the demo period's draft (still being written: a reader may edit and submit it)
    with the seed's subject, request and text, where the period has none; return 1 if
    it was created."""
    from organizations.models import User

    from . import services
    from .models import ReportDraft

    reviewer = User.objects.filter(username=DEMO_REVIEWER).first()
    if (
        reviewer is None
        or ReportDraft.objects.filter(date_from=PERIOD[0], date_to=PERIOD[1]).exists()
    ):
        return 0
    services.save_draft(
        actor=reviewer,
        date_from=PERIOD[0],
        date_to=PERIOD[1],
        subject=DRAFT_SUBJECT,
        request=DRAFT_REQUEST,
        texts=DRAFT_TEXTS,
    )
    return 1


def build() -> dict:
    """Return the demo records as the import file holds them (DESIGN §8), always the same."""
    rng = random.Random(SEED)
    return {
        "outbound_trips": _trips(rng),
        "inbound_visits": _visits(rng),
        "agreements": _agreements(rng),
        "conferences": _conferences(rng),
        # Its own generator, so that the records above stay as they were.
        "consular_cases": _consular_cases(random.Random(SEED + 1)),
        "ngo_projects": _aid_projects(rng),
        "ngo_meetings": _aid_meetings(),
    }


# -- helpers -------------------------------------------------------------------------------


def _day(rng, n: int, of: int) -> datetime.date:
    """Return the ``n``-th of ``of`` dates spread over the period, a little shuffled."""
    span = (PERIOD[1] - PERIOD[0]).days - 7
    return PERIOD[0] + datetime.timedelta(days=span * n // of + rng.randint(0, 6))


def _split(rng, total: int, parts: int, low: int, high: int) -> list[int]:
    """Return ``parts`` numbers between ``low`` and ``high`` that add up to ``total``."""
    sizes = [rng.randint(low, high) for _ in range(parts)]
    while (gap := total - sum(sizes)) != 0:
        i = rng.randrange(parts)
        step = 1 if gap > 0 else -1
        if low <= sizes[i] + step <= high:
            sizes[i] += step
    return sizes


def _vietnamese(rng) -> str:
    return f"{rng.choice(VN_FAMILY)} {rng.choice(VN_MIDDLE)} {rng.choice(VN_GIVEN)}"


def _foreigner(rng, country: str) -> str:
    given, family, family_first = NAMES[LANGUAGE[country]]
    first, last = rng.choice(given.split()), rng.choice(family.split())
    return f"{last.upper()} {first}" if family_first else f"{first} {last.upper()}"


def _dates(start: datetime.date, days: int) -> dict:
    end = start + datetime.timedelta(days=days)
    return {"start_date": start.isoformat(), "end_date": end.isoformat()}


def _not_counted(*statuses: str):
    """Yield (date, status) of matters the report must not count: one per status inside
    the period, then approved ones a day before and a day after it."""
    for i, status in enumerate(statuses):
        yield _day(random.Random(i), 3 + 5 * i, 20), status
    yield PERIOD[0] - datetime.timedelta(days=1), "approved"
    yield PERIOD[1] + datetime.timedelta(days=1), "approved"


# -- the four kinds ------------------------------------------------------------------------

PURPOSES = ["Xúc tiến đầu tư, thương mại", "Ký kết và triển khai MOU", "Hữu nghị, hợp tác"]


def _trip(rng, ref, country, start, status) -> dict:
    members = [
        {"name": _vietnamese(rng), "position": POSITIONS[0], "head": True},
        *(
            {"name": _vietnamese(rng), "position": rng.choice(POSITIONS[1:])}
            for _ in range(rng.randint(3, 7))
        ),
    ]
    return {
        "ref": ref,
        "unit": rng.choice(["UBND", "SCT", "SNV"]),
        "purpose": rng.choice(PURPOSES),
        "countries": [country],
        **_dates(start, rng.randint(4, 8)),
        "status": status,
        "decision_number": f"{rng.randint(100, 4000)}/QĐ-UBND" if status == "approved" else "",
        "members": members,
    }


def _trips(rng) -> list[dict]:
    trips = []
    for i, country in enumerate(TRIP_COUNTRIES):
        start = _day(rng, i, len(TRIP_COUNTRIES))
        trips.append(_trip(rng, f"DR-{start.year}-{i + 1:03d}", country, start, "approved"))
    # KT: không tính, not counted.
    for n, (start, status) in enumerate(_not_counted("rejected", "withdrawn"), start=1):
        trips.append(_trip(rng, f"DR-KT-{n:02d}", rng.choice(["SG", "CN"]), start, status))
    return trips


def _visit(rng, ref, start, status, nationalities, size) -> dict:
    main = nationalities[0]
    guests = []
    for i in range(size):
        # Most of a delegation shares its country; a few come from a second one.
        country = nationalities[1] if len(nationalities) > 1 and i % 4 == 3 else main
        guest = {"name": _foreigner(rng, country), "nationality": country}
        if rng.random() < 0.8:
            guest["passport"] = f"{country[0]}{rng.randint(10_000_000, 99_999_999)}"
        guests.append(guest)
    return {
        "ref": ref,
        "unit": rng.choice(HOSTS),
        "delegation": rng.choice(DELEGATIONS).format(c=main),
        "countries": list(dict.fromkeys(nationalities)),
        **_dates(start, rng.randint(1, 4)),
        "status": status,
        "guests": guests,
    }


def _visits(rng) -> list[dict]:
    sizes = _split(rng, GUESTS, VISITS, 2, 25)
    visits = []
    for i, size in enumerate(sizes):
        # Every nationality leads at least one delegation; the frequent ones lead more.
        main = NATIONALITIES[i] if i < len(NATIONALITIES) else rng.choice(NATIONALITIES[:8])
        second = rng.choice(NATIONALITIES) if rng.random() < 0.25 else main
        start = _day(rng, i, VISITS)
        ref = f"DV-{start.year}-{i + 1:03d}"
        visits.append(_visit(rng, ref, start, "approved", [main, second], size))
    others = _not_counted("rejected", "rejected", "withdrawn")
    for n, (start, status) in enumerate(others, start=1):
        # Guests from a country no counted visit brings: the nationalities stay at 26.
        visits.append(_visit(rng, f"DV-KT-{n:02d}", start, status, ["BR"], 5))
    return visits


def _agreement(rng, ref, partner, signed, status) -> dict:
    name, country, partner_kind = partner
    record = {
        "ref": ref,
        "unit": rng.choice(["SNV", "SCT", "DHQN", "ICISE"]),
        "title": f"Bản ghi nhớ hợp tác với {name}",
        "kind": rng.choice(["mou", "agreement", "cooperation_plan"]),
        "partner": name,
        "partner_kind": partner_kind,
        "partner_country": country,
        "status": status,
    }
    if status == "signed":
        record |= {"signed_date": signed.isoformat(), "signed_place": "Quy Nhơn"}
    return record


def _agreements(rng) -> list[dict]:
    agreements = []
    for i, partner in enumerate(PARTNERS[:AGREEMENTS]):
        signed = _day(rng, i, AGREEMENTS)
        ref = f"TT-{signed.year}-{i + 1:03d}"
        agreements.append(_agreement(rng, ref, partner, signed, "signed"))
    partner = ("Thành phố Busan", "KR", "local_government")
    for n, (day, status) in enumerate(_not_counted("refused", "withdrawn"), start=1):
        status = "signed" if status == "approved" else status
        agreements.append(_agreement(rng, f"TT-KT-{n:02d}", partner, day, status))
    return agreements


def _conference(rng, ref, start, status, participants, reported) -> dict:
    title = rng.choice(CONFERENCE_TITLES)
    record = {
        "ref": ref,
        "unit": "ICISE" if title.startswith("Hội thảo quốc tế") else rng.choice(["SCT", "SNV"]),
        "title": title,
        "kind": "seminar" if title.startswith("Hội thảo") else "conference",
        "countries": sorted(set(rng.sample(NATIONALITIES, rng.randint(2, 8)))),
        "place": "Quy Nhơn",
        **_dates(start, rng.randint(1, 5)),
        "status": status,
    }
    if reported:
        # Reported: the number that came counts, whatever was planned.
        record |= {"participants_planned": participants + 10, "participants_actual": participants}
    else:
        record["participants_planned"] = participants
    return record


def _conferences(rng) -> list[dict]:
    sizes = _split(rng, PARTICIPANTS, CONFERENCES, 30, 150)
    conferences = []
    for i, size in enumerate(sizes):
        start = _day(rng, i, CONFERENCES)
        ref = f"HN-{start.year}-{i + 1:03d}"
        conferences.append(_conference(rng, ref, start, "approved", size, reported=i % 3 != 0))
    for n, (start, status) in enumerate(_not_counted("rejected", "withdrawn"), start=1):
        conferences.append(_conference(rng, f"HN-KT-{n:02d}", start, status, 500, True))
    return conferences


# -- consular cases ------------------------------------------------------------------------

FOREIGNERS_IN_DISTRESS = 19
# The seed's nationalities ("quốc tịch Anh, Trung Quốc, Campuchia, Lào, Pháp, Ba Lan,
# Úc, Đức"), each at least once.
DISTRESS_NATIONALITIES = _words("GB CN KH LA FR PL AU DE")
DISTRESS_NAMES = {"PL": ("Jan Anna Piotr Ewa", "Kowalski Nowak Wiśniewski")}
INCIDENTS = ["accident", "accident", "death", "illness", "lost_documents", "arrest"]
PLACES = ["Quy Nhơn", "Nhơn Lý", "Tuy Phước", "An Nhơn", "Hoài Nhơn"]
EMBASSIES = {
    "GB": "Tổng Lãnh sự quán Anh tại TP. Hồ Chí Minh",
    "CN": "Tổng Lãnh sự quán Trung Quốc tại TP. Hồ Chí Minh",
    "KH": "Tổng Lãnh sự quán Campuchia tại TP. Hồ Chí Minh",
    "LA": "Tổng Lãnh sự quán Lào tại TP. Hồ Chí Minh",
    "FR": "Tổng Lãnh sự quán Pháp tại TP. Hồ Chí Minh",
    "PL": "Đại sứ quán Ba Lan tại Hà Nội",
    "AU": "Tổng Lãnh sự quán Australia tại TP. Hồ Chí Minh",
    "DE": "Tổng Lãnh sự quán Đức tại TP. Hồ Chí Minh",
}


def _distress_name(rng, country: str) -> str:
    if country in DISTRESS_NAMES:
        given, family = DISTRESS_NAMES[country]
        return f"{rng.choice(given.split())} {rng.choice(family.split()).upper()}"
    return _foreigner(rng, country)


def _foreigner_case(rng, ref, day, country) -> dict:
    notified = f"{day.isoformat()} {rng.randint(8, 16):02d}:{rng.choice(['00', '15', '30'])}"
    return {
        "ref": ref,
        "group": "foreigner",
        "incident": rng.choice(INCIDENTS),
        "occurred_on": day.isoformat(),
        "nationality": country,
        "place": rng.choice(PLACES),
        "people_count": 1,
        "ministry_notified_at": notified,
        "ministry_notice": f"Điện thoại và Công văn số {rng.randint(10, 999)}/SNV-LS",
        "representation": EMBASSIES[country],
        "representation_notified_at": notified,
        "representation_notice": "Điện thoại, thư điện tử",
        "status": "closed",
        "resolution": "Đã phối hợp cơ quan chức năng hỗ trợ, bàn giao cho cơ quan đại diện.",
        "closed_on": (day + datetime.timedelta(days=rng.randint(2, 20))).isoformat(),
        "persons": [
            {
                "name": _distress_name(rng, country),
                "document": f"{country}{rng.randint(1000000, 9999999)}",
                "nationality": country,
            }
        ],
    }


def _fishermen_case(rng, ref, day, status) -> dict:
    crew = rng.randint(6, 14)
    return {
        "ref": ref,
        "group": "fishermen",
        "incident": "arrest",
        "occurred_on": day.isoformat(),
        "sea_area": rng.choice(["Vùng biển Indonesia", "Vùng biển Malaysia", "Vịnh Thái Lan"]),
        "people_count": crew,
        "vessel_number": f"BĐ {rng.randint(90000, 99999)} TS",
        "vessel_owner": _vietnamese(rng),
        "home_port": "Cảng cá Tam Quan",
        "ministry_notified_at": day.isoformat(),
        "ministry_notice": f"Công văn số {rng.randint(10, 999)}/SNV-LS",
        "status": status,
        "resolution": "Ngư dân đã được trả tự do và về nước." if status == "closed" else "",
        "persons": [{"name": _vietnamese(rng), "note": "thuyền trưởng"}],
    }


def _consular_cases(rng) -> list[dict]:
    nationalities = DISTRESS_NATIONALITIES + [
        rng.choice(DISTRESS_NATIONALITIES)
        for _ in range(FOREIGNERS_IN_DISTRESS - len(DISTRESS_NATIONALITIES))
    ]
    cases = []
    for i, country in enumerate(nationalities):
        day = _day(rng, i, FOREIGNERS_IN_DISTRESS)
        cases.append(_foreigner_case(rng, f"LS-{day.year}-{i + 1:03d}", day, country))
    for i, status in enumerate(["closed", "closed", "released"]):
        day = _day(rng, 4 + 6 * i, 20)
        cases.append(_fishermen_case(rng, f"LS-NG-{i + 1:02d}", day, status))
    # A day before and a day after the period: not counted.
    for n, day in enumerate(
        (PERIOD[0] - datetime.timedelta(days=1), PERIOD[1] + datetime.timedelta(days=1)), 1
    ):
        cases.append(_foreigner_case(rng, f"LS-KT-{n:02d}", day, "FR"))
    return cases


def _aid(rng, ref, decided, status, value_usd: int, ngo) -> dict:
    """One aid project approved (or not) on ``decided``; a value divisible by five is
    committed in euros at 1.25 USD (exact to the cent), the others in dollars."""
    title, field, unit = rng.choice(AID_TITLES)
    name, name_vi, country = ngo
    start = decided + datetime.timedelta(days=30)
    record = {
        "ref": ref,
        "unit": unit,
        "donor": name,
        "donor_name_vi": name_vi,
        "donor_country": country,
        "title": title,
        "form": rng.choice(["programme", "project", "project", "non_project"]),
        "field": field,
        "location": "Tỉnh Bình Định",
        **_dates(start, rng.randint(365, 730)),
        "status": status,
    }
    if value_usd % 5 == 0:
        record |= {"currency": "EUR", "amount": str(Decimal(value_usd) * 4 / 5), "usd_rate": "1.25"}
    else:
        record |= {"currency": "USD", "amount": str(value_usd)}
    if status in ("approved", "lapsed"):
        record |= {
            "decision_number": f"{rng.randint(100, 4000)}/QĐ-UBND",
            "decision_date": decided.isoformat(),
        }
    if status == "approved":
        # Half the value disbursed a month after the start (in the original currency).
        half = (Decimal(record["amount"]) / 2).quantize(Decimal("0.01"))
        paid_on = start + datetime.timedelta(days=30)
        record["disbursements"] = [{"date": paid_on.isoformat(), "amount": str(half)}]
    return record


def _aid_projects(rng) -> list[dict]:
    values = _split(rng, AID_VALUE_USD, AID_PROJECTS, 30_000, 250_000)
    projects = []
    for i, value in enumerate(values):
        decided = _day(rng, i, AID_PROJECTS)
        ngo = NGOS[i % len(NGOS)]
        projects.append(
            _aid(rng, f"VT-{decided.year}-{i + 1:03d}", decided, "approved", value, ngo)
        )
    for n, (day, status) in enumerate(_not_counted("rejected", "withdrawn", "lapsed"), start=1):
        projects.append(_aid(rng, f"VT-KT-{n:02d}", day, status, 99_999, NGOS[n % len(NGOS)]))
    return projects


def _aid_meetings() -> list[dict]:
    """The two meetings of the period, and one just after it (not counted)."""
    names = [name for name, _vi, _country in NGOS]
    return [
        {
            "ref": ref,
            "date": day,
            "title": f"Hội nghị gặp mặt đại diện các tổ chức PCPNN năm {day[:4]}",
            "level": "province",
            "organisations": names,
            "content": "Nắm bắt tình hình triển khai dự án; giới thiệu danh mục dự án kêu gọi "
            "vận động viện trợ PCPNN.",
        }
        for ref, day in (
            ("GM-2022-001", "2022-11-18"),
            ("GM-2023-001", "2023-06-09"),
            ("GM-2023-002", "2023-09-01"),
        )
    ]
