"""Synthetic administrative-reform dispatches for benchmarks, laid out as Decree 30/2020/NĐ-CP does.

Each dispatch has an issuer block, Số / ký hiệu, place and date, V/v (or a KẾ HOẠCH title), Kính gửi,
a preamble citing earlier documents, numbered items (unit headings, bullets, a) b) sub-items) with
"Giao X chủ trì, phối hợp Y" assignments and "trước ngày dd/mm/yyyy" deadlines, sometimes
footnotes, then Nơi nhận and the signature block. Dispatch i depends only on (seed, i), so a
corpus of 100 is the first 100 dispatches of a corpus of 1,000.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.text.vocabulary import DOC_TYPES

PROVINCES = ("Hà Tĩnh", "Quảng Trị", "Nghệ An", "Quảng Bình", "Thanh Hóa", "Thừa Thiên Huế",
             "Quảng Nam", "Bắc Giang", "Phú Thọ", "Đắk Lắk", "An Giang", "Bình Định")
DISTRICTS = (("Can Lộc", "Hà Tĩnh"), ("Đức Thọ", "Hà Tĩnh"), ("Gio Linh", "Quảng Trị"), ("Hải Lăng", "Quảng Trị"),
             ("Nam Đàn", "Nghệ An"), ("Thanh Chương", "Nghệ An"), ("Bố Trạch", "Quảng Bình"),
             ("Lệ Thủy", "Quảng Bình"), ("Thọ Xuân", "Thanh Hóa"), ("Phú Vang", "Thừa Thiên Huế"),
             ("Duy Xuyên", "Quảng Nam"), ("Lục Nam", "Bắc Giang"))
# Departments: (name, ký hiệu code, own offices).
DEPARTMENTS = (
    ("Sở Nội vụ", "SNV", ("Phòng Cải cách hành chính", "Phòng Tổ chức - Biên chế", "Chi cục Văn thư - Lưu trữ")),
    ("Sở Tư pháp", "STP", ("Phòng Văn bản và Theo dõi thi hành pháp luật", "Phòng Hành chính tư pháp")),
    ("Sở Tài chính", "STC", ("Phòng Quản lý ngân sách", "Phòng Tài chính doanh nghiệp")),
    ("Sở Xây dựng", "SXD", ("Phòng Quản lý nhà và thị trường bất động sản", "Phòng Quy hoạch - Kiến trúc")),
    ("Sở Y tế", "SYT", ("Phòng Nghiệp vụ Y", "Phòng Tổ chức cán bộ")),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", ("Phòng Giáo dục trung học", "Phòng Khảo thí và Kiểm định")),
    ("Sở Tài nguyên và Môi trường", "STNMT", ("Phòng Đất đai", "Chi cục Bảo vệ môi trường")),
    ("Sở Giao thông vận tải", "SGTVT", ("Phòng Quản lý vận tải", "Phòng Quản lý chất lượng công trình")),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", ("Phòng Đăng ký kinh doanh", "Phòng Tổng hợp, quy hoạch")),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", ("Phòng Quản lý văn hóa", "Phòng Quản lý du lịch")),
)
DEPT_COMMON = ("Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Trung tâm Công nghệ thông tin")
DISTRICT_UNITS = ("Phòng Nội vụ", "Phòng Tư pháp", "Phòng Tài chính - Kế hoạch", "Văn phòng HĐND và UBND huyện",
                  "Phòng Văn hóa và Thông tin", "Phòng Tài nguyên và Môi trường", "Phòng Kinh tế - Hạ tầng",
                  "Ủy ban nhân dân các xã, thị trấn")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Ngọc", "Công")
GIVEN = ("Hùng", "Lan", "Dũng", "Hà", "Sơn", "Tuấn", "Hương", "Bình", "Thắng", "Nam", "Phương", "Long")
COMMUNES = ("Thạch Kim", "Xuân Hội", "Tùng Lộc", "Đức Lạc", "Trung Sơn", "Vĩnh Thái", "Hải An", "Phú Lộc",
            "Tân Thành", "Quang Lộc", "Yên Hồ", "Kim Song Trường")
SUBJECTS = (
    "triển khai nhiệm vụ cải cách hành chính năm {y}",
    "nâng cao Chỉ số cải cách hành chính (PAR Index) năm {y}",
    "đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình năm {y}",
    "tăng cường kỷ luật, kỷ cương hành chính trong thực thi công vụ",
    "số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm {y}",
    "rà soát, đơn giản hóa thủ tục hành chính nội bộ năm {y}",
    "chế độ báo cáo định kỳ công tác cải cách hành chính năm {y}",
    "khắc phục tồn tại, hạn chế sau kiểm tra công tác CCHC năm {p}",
    "thực hiện chuyển đổi số trong cơ quan nhà nước năm {y}",
    "nâng cao Chỉ số hài lòng của người dân (SIPAS) năm {y}",
)
VERBS = ("Rà soát, cập nhật", "Tổ chức triển khai", "Tham mưu xây dựng", "Theo dõi, đôn đốc", "Kiểm tra, đánh giá",
         "Tăng cường", "Đẩy mạnh", "Hoàn thiện", "Tổng hợp, báo cáo", "Chấn chỉnh", "Duy trì, cải tiến",
         "Nâng cao chất lượng")
OBJECTS = (
    "danh mục thủ tục hành chính thuộc thẩm quyền giải quyết",
    "kế hoạch kiểm soát thủ tục hành chính năm {y}",
    "việc tiếp nhận, giải quyết hồ sơ tại Bộ phận một cửa",
    "hệ thống quản lý chất lượng theo TCVN ISO 9001:2015",
    "việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "việc thanh toán trực tuyến phí, lệ phí trên Cổng dịch vụ công",
    "công tác văn thư, lưu trữ và lập hồ sơ điện tử",
    "vị trí việc làm và cơ cấu ngạch công chức, viên chức",
    "văn hóa công sở và quy tắc ứng xử của cán bộ, công chức",
    "tin bài tuyên truyền về cải cách hành chính trên Trang thông tin điện tử",
    "cơ sở dữ liệu cán bộ, công chức, viên chức",
    "việc công khai xin lỗi tổ chức, cá nhân khi hồ sơ trễ hẹn",
    "sáng kiến, mô hình cải cách hành chính có hiệu quả",
    "quy chế làm việc và quy trình nội bộ giải quyết công việc",
    "việc kết nối, chia sẻ dữ liệu với Cổng dịch vụ công quốc gia",
    "việc sử dụng chữ ký số trong gửi, nhận văn bản điện tử",
    "phương án phân cấp trong giải quyết thủ tục hành chính",
    "việc thực hiện cơ chế một cửa, một cửa liên thông",
    "công tác đào tạo, bồi dưỡng cán bộ, công chức năm {y}",
    "việc giao quyền tự chủ cho đơn vị sự nghiệp công lập",
    "kế hoạch tự kiểm tra công tác cải cách hành chính năm {y}",
    "việc niêm yết, công khai thủ tục hành chính tại trụ sở",
    "hồ sơ đề nghị khen thưởng trong thực hiện cải cách hành chính",
    "việc khai thác, sử dụng dữ liệu dân cư phục vụ giải quyết thủ tục hành chính",
    "hạ tầng kỹ thuật và bảo đảm an toàn thông tin mạng",
)
QUALIFIERS = ("đảm bảo đúng quy định", "bảo đảm thực chất, hiệu quả", "đạt tỷ lệ tối thiểu {pct}%",
              "đối với {n} thủ tục hành chính", "trên địa bàn {place}", "theo hướng dẫn tại {cite}", "")


def _cited(doc_type: str, issuer: str, dated: bool = False) -> tuple[str, str]:
    """A cited type as the text writes it and its ký hiệu after the number: ("Quyết định", "QĐ-UBND");
    dated ones carry the year first ("{y}/NĐ-CP")."""
    return doc_type.capitalize(), ("{y}/" if dated else "") + f"{DOC_TYPES[doc_type]}-{issuer}"


CITE_KINDS = (_cited("quyết định", "UBND"), _cited("kế hoạch", "UBND"),
              ("Công văn", "UBND-NC"),   # a công văn's ký hiệu carries no type code
              _cited("chỉ thị", "UBND"), _cited("nghị quyết", "HĐND"), _cited("thông tư", "BNV", dated=True),
              _cited("nghị định", "CP", dated=True))
CITE_ISSUERS = {"NĐ-CP": "Chính phủ", "TT-BNV": "Bộ Nội vụ", "NQ-HĐND": "HĐND tỉnh"}


def _date(rng: random.Random, issued: dt.date, offset_days: tuple[int, int]) -> str:
    """dd/mm/yyyy (zero-padded or not) some days after (or, negative, before) the issue date."""
    day = issued + dt.timedelta(days=rng.randint(*offset_days))
    if rng.random() < 0.5:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day}/{day.month}/{day.year}"


def _person(rng: random.Random) -> str:
    """A signer's full name."""
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _cite(rng: random.Random, issued: dt.date) -> str:
    """An earlier document, as a preamble or a qualifier cites it: "Quyết định số 12/QĐ-UBND ngày … của …"."""
    kind, code = rng.choice(CITE_KINDS)
    date = _date(rng, issued, (-720, -5))
    code = code.format(y=date[-4:])
    issuer = next((v for k, v in CITE_ISSUERS.items() if k in code), rng.choice(("UBND tỉnh", "UBND huyện")))
    number = rng.randint(1, 4999)
    return f"{kind} số {number}/{code} ngày {date} của {issuer}"


@dataclass(frozen=True)
class _Issuer:
    """Who issues a dispatch and when: a district People's Committee (about a third) or a provincial
    department, with the units its dispatches assign work to."""

    issued: dt.date
    district: bool
    province: str
    place: str           # where it is issued: the district, or the province
    name: str
    code: str            # the ký hiệu after the number, e.g. "UBND-NV" or "SNV-CCHC"
    units: tuple[str, ...]

    @property
    def year(self) -> int:
        return self.issued.year

    @classmethod
    def draw(cls, rng: random.Random) -> _Issuer:
        """The issuer and issue date, as the first draws of a dispatch's stream."""
        issued = dt.date(rng.randint(2019, 2027), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        district = rng.random() < 0.35
        province = rng.choice(PROVINCES)
        if district:
            place, province = rng.choice(DISTRICTS)
            code = rng.choice(("UBND-NV", "UBND-VP"))
            return cls(issued, True, province, place, f"UBND huyện {place}", code, DISTRICT_UNITS)
        name, code, own = rng.choice(DEPARTMENTS)
        code = f"{code}-{rng.choice(('VP', 'CCHC', 'TCHC', 'VP2'))}"
        return cls(issued, False, province, province, name, code, DEPT_COMMON + own)


def _recipients(rng: random.Random, by: _Issuer) -> list[str]:
    """Kính gửi: the issuer's own offices, or some of its units by name."""
    if by.district:
        return ["Kính gửi:", "- Các phòng chuyên môn thuộc UBND huyện;", "- Ủy ban nhân dân các xã, thị trấn."]
    if rng.random() < 0.6:
        return ["Kính gửi: Các phòng, đơn vị thuộc Sở."]
    chosen = rng.sample(by.units, 3)
    return ["Kính gửi:", *(f"- {u};" for u in chosen[:-1]), f"- {chosen[-1]}."]


def _situation(rng: random.Random, by: _Issuer) -> list[str]:
    """A paragraph on last period's results, with footnotes naming communes or offices."""
    total = rng.randint(40, 900)
    online = rng.randint(1, total)
    notes = [rng.sample(COMMUNES if by.district else by.units, 2) for _ in range(2)]
    text = (f"Trong năm {by.year - 1}, tỷ lệ hồ sơ trực tuyến đạt {online}/{total} hồ sơ "
            f"({online * 100 // total}%); việc số hóa hồ sơ còn chậm¹; một số đơn vị để hồ sơ quá hạn².")
    marks = ("¹", "²")
    return [text, *(f"{m} {'Các xã' if by.district else 'Các đơn vị'}: {', '.join(n)}." for m, n in
                    zip(marks, notes, strict=True))]


def _footer(rng: random.Random, by: _Issuer) -> list[str]:
    """Nơi nhận, the signer's title (or on behalf of) and name."""
    short = by.code.split("-")[-1]
    cc = ["Nơi nhận:", "- Như trên;", f"- {rng.choice(('UBND tỉnh', 'Sở Nội vụ', 'Thường trực Huyện ủy'))};",
          f"- Lưu: VT, {short}."]
    if by.district:
        sign = rng.choice((["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]))
    else:
        sign = rng.choice((["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]))
    return [*cc, *sign, _person(rng)]


class _Writer:
    """One dispatch, drawn from its own random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.by = _Issuer.draw(rng)

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def due(self) -> str:
        """A deadline date, 10 to 240 days after the issue date."""
        return _date(self.rng, self.by.issued, (10, 240))

    def fill(self, template: str) -> str:
        """A template's {y}, {p}, {pct}, {n}, {place} and {cite} filled in."""
        year = self.by.year
        return template.format(y=year, p=f"{year - 1}", pct=self.rng.choice((50, 70, 80, 90, 95, 100)),
                               n=self.rng.randint(3, 180), place=f"tỉnh {self.by.province}",
                               cite=_cite(self.rng, self.by.issued))

    # --- sentences ------------------------------------------------------------------------------
    def task(self) -> str:
        parts = [self.pick(VERBS), self.fill(self.pick(OBJECTS)), self.fill(self.pick(QUALIFIERS))]
        return " ".join(p for p in parts if p)

    def deadline(self) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            return f"; hoàn thành trước ngày {self.due()}"
        if roll < 0.55:
            return f"; báo cáo kết quả về {self.pick(self.by.units)} trước ngày {self.due()}"
        if roll < 0.65:
            return f"; định kỳ báo cáo trước ngày {self.rng.randint(10, 25)} hằng tháng"
        return ""

    def assignment(self) -> str:
        lead, support = self.rng.sample(self.by.units, 2)
        task = self.task()
        form = self.rng.random()
        if form < 0.4:
            text = f"Giao {lead} chủ trì, phối hợp với {support} {task[0].lower()}{task[1:]}"
        elif form < 0.6:
            text = f"{lead} chủ trì, phối hợp {support} {task[0].lower()}{task[1:]}"
        elif form < 0.75:
            text = f"Đề nghị {lead} {task[0].lower()}{task[1:]}"
        else:
            text = task
        return text + self.deadline() + self.pick((".", ";"))

    def bullet(self) -> str:
        return "- " + self.assignment()

    # --- blocks ---------------------------------------------------------------------------------
    def header(self, plan: bool, subject: str) -> list[str]:
        if self.by.district:
            issuer = [f"ỦY BAN NHÂN DÂN HUYỆN {self.by.place.upper()}"]
        else:
            issuer = [f"UBND TỈNH {self.by.province.upper()}", self.by.name.upper()]
        number = f"{self.rng.randint(1, 3999)}" if self.rng.random() < 0.85 else ""
        code = "KH-" + self.by.code.split("-")[0] if plan else self.by.code
        day = f"{self.by.issued.day:02d}" if number else "   "
        lines = [*issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"Số: {number}/{code}"]
        dated = f"{self.by.place}, ngày {day} tháng {self.by.issued.month:02d} năm {self.by.year}"
        if plan:
            return [*lines, dated, "KẾ HOẠCH", subject[0].upper() + subject[1:]]
        return [*lines, f"V/v {subject}", dated, *_recipients(self.rng, self.by)]

    def preamble(self, subject: str) -> list[str]:
        cites = "; ".join(_cite(self.rng, self.by.issued) + f" về {self.fill(self.pick(SUBJECTS))}"
                          for _ in range(self.rng.randint(1, 3)))
        who = "Ủy ban nhân dân huyện" if self.by.district else "Giám đốc Sở"
        lines = [f"{self.pick(('Thực hiện', 'Căn cứ'))} {cites}; để triển khai có hiệu quả việc {subject}, "
                 f"{who} yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:"]
        if self.rng.random() < 0.4:
            lines[0:0] = _situation(self.rng, self.by)
        return lines

    def items(self) -> list[str]:
        lines: list[str] = []
        by_unit = self.rng.random() < 0.4
        units = self.rng.sample(self.by.units, min(len(self.by.units), self.rng.randint(2, 5)))
        for k in range(1, self.rng.randint(3, 8) + 1):
            if by_unit and k <= len(units):
                lines.append(f"{k}. {units[k - 1]}")
                lines += [self.bullet() for _ in range(self.rng.randint(1, 5))]
                continue
            lines.append(f"{k}. " + self.assignment())
            lines += [self.bullet() for _ in range(self.rng.choice((0, 0, 1, 2, 3)))]
        return lines

    def plan_body(self) -> list[str]:
        lines = ["I. MỤC ĐÍCH, YÊU CẦU", f"1. {self.task()}.", f"2. {self.task()}.",
                 "II. NHIỆM VỤ, GIẢI PHÁP"]
        for k in range(1, self.rng.randint(2, 5) + 1):
            lines.append(f"{k}. {self.pick(OBJECTS).format(y=self.by.year).capitalize()}")
            for letter in "abcd"[: self.rng.randint(1, 4)]:
                lines.append(f"{letter}) " + self.assignment())
        lines.append("III. TỔ CHỨC THỰC HIỆN")
        for k, unit in enumerate(self.rng.sample(self.by.units, 3), 1):
            lines.append(f"{k}. {unit}")
            lines += [self.bullet() for _ in range(self.rng.randint(1, 3))]
        return lines

    def document(self) -> str:
        plan = self.rng.random() < 0.2
        subject = self.fill(self.pick(SUBJECTS))
        closing = self.pick((
            "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
            f"Giao {self.pick(self.by.units)} theo dõi, đôn đốc và tổng hợp báo cáo kết quả thực hiện./.",
            "Trên đây là các nội dung cần tập trung triển khai; đề nghị các đơn vị thực hiện nghiêm túc./.",
        ))
        body = self.plan_body() if plan else self.items()
        lines = [*self.header(plan, subject), *self.preamble(subject), *body, closing, *_footer(self.rng, self.by)]
        return "\n\n".join(lines) + "\n"


def dispatch(seed: int, index: int, avoid: Sequence[str] = ()) -> str:
    """The text of synthetic dispatch `index` for `seed` (same inputs, same text).

    A draw containing any `avoid` string is discarded and the next draw taken, deterministically.
    """
    avoid = [a for a in avoid if a]
    for attempt in range(100):
        text = _Writer(random.Random(f"cchc-synth:{seed}:{index}:{attempt}")).document()
        if not any(a in text for a in avoid):
            return text
    raise ValueError(f"synthetic dispatch {index} keeps containing an avoided string")


def seed_files(seeds_dir: Path) -> list[Path]:
    return sorted(p for p in Path(seeds_dir).iterdir() if p.is_file() and p.suffix == ".txt")


def generate_corpus(out_dir: Path, total: int, seeds_dir: Path, *, seed: int = 0,
                    avoid: Sequence[str] = ()) -> list[Path]:
    """Write the real seed dispatches plus synthetic ones, `total` files in all, into out_dir.

    `avoid` lists strings no synthetic dispatch may contain (the dev questions' evidence), so
    answers to the dev questions can only come from the real seeds.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in seed_files(seeds_dir):
        written.append(Path(shutil.copy2(path, out_dir / path.name)))
    for i in range(max(0, total - len(written))):
        path = out_dir / f"syn_{i:05d}.txt"
        path.write_text(dispatch(seed, i, avoid), encoding="utf-8")
        written.append(path)
    return written
