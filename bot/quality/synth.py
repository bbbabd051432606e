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


class _Writer:
    """One dispatch, drawn from its own random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.issued = dt.date(rng.randint(2019, 2027), 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        self.year = self.issued.year
        self.district = rng.random() < 0.35
        self.province = rng.choice(PROVINCES)
        if self.district:
            self.place, self.province = rng.choice(DISTRICTS)
            self.issuer, self.code = f"UBND huyện {self.place}", rng.choice(("UBND-NV", "UBND-VP"))
            self.units = list(DISTRICT_UNITS)
        else:
            name, code, own = rng.choice(DEPARTMENTS)
            self.place, self.issuer = self.province, name
            self.code = f"{code}-{rng.choice(('VP', 'CCHC', 'TCHC', 'VP2'))}"
            self.units = list(DEPT_COMMON + own)

    # --- small pieces ---------------------------------------------------------------------------
    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def date(self, offset_days: tuple[int, int]) -> str:
        """dd/mm/yyyy (zero-padded or not) some days after (or, negative, before) the issue date."""
        day = self.issued + dt.timedelta(days=self.rng.randint(*offset_days))
        if self.rng.random() < 0.5:
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        return f"{day.day}/{day.month}/{day.year}"

    def person(self) -> str:
        return f"{self.pick(FAMILY)} {self.pick(MIDDLE)} {self.pick(GIVEN)}"

    def cite(self) -> str:
        kind, code = self.rng.choice(CITE_KINDS)
        date = self.date((-720, -5))
        code = code.format(y=date[-4:])
        issuer = next((v for k, v in CITE_ISSUERS.items() if k in code), self.pick(("UBND tỉnh", "UBND huyện")))
        number = self.rng.randint(1, 4999)
        return f"{kind} số {number}/{code} ngày {date} của {issuer}"

    def fill(self, template: str) -> str:
        return template.format(y=self.year, p=f"{self.year - 1}", pct=self.rng.choice((50, 70, 80, 90, 95, 100)),
                               n=self.rng.randint(3, 180), place=f"tỉnh {self.province}", cite=self.cite())

    # --- sentences ------------------------------------------------------------------------------
    def task(self) -> str:
        parts = [self.pick(VERBS), self.fill(self.pick(OBJECTS)), self.fill(self.pick(QUALIFIERS))]
        return " ".join(p for p in parts if p)

    def deadline(self) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            return f"; hoàn thành trước ngày {self.date((10, 240))}"
        if roll < 0.55:
            return f"; báo cáo kết quả về {self.pick(self.units)} trước ngày {self.date((10, 240))}"
        if roll < 0.65:
            return f"; định kỳ báo cáo trước ngày {self.rng.randint(10, 25)} hằng tháng"
        return ""

    def assignment(self) -> str:
        lead, support = self.rng.sample(self.units, 2)
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
        if self.district:
            issuer = [f"ỦY BAN NHÂN DÂN HUYỆN {self.place.upper()}"]
        else:
            issuer = [f"UBND TỈNH {self.province.upper()}", self.issuer.upper()]
        number = f"{self.rng.randint(1, 3999)}" if self.rng.random() < 0.85 else ""
        code = "KH-" + self.code.split("-")[0] if plan else self.code
        day = f"{self.issued.day:02d}" if number else "   "
        lines = [*issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"Số: {number}/{code}"]
        dated = f"{self.place}, ngày {day} tháng {self.issued.month:02d} năm {self.year}"
        if plan:
            return [*lines, dated, "KẾ HOẠCH", subject[0].upper() + subject[1:]]
        return [*lines, f"V/v {subject}", dated, *self.recipients()]

    def recipients(self) -> list[str]:
        if self.district:
            return ["Kính gửi:", "- Các phòng chuyên môn thuộc UBND huyện;", "- Ủy ban nhân dân các xã, thị trấn."]
        if self.rng.random() < 0.6:
            return ["Kính gửi: Các phòng, đơn vị thuộc Sở."]
        chosen = self.rng.sample(self.units, 3)
        return ["Kính gửi:", *(f"- {u};" for u in chosen[:-1]), f"- {chosen[-1]}."]

    def preamble(self, subject: str) -> list[str]:
        cites = "; ".join(self.cite() + f" về {self.fill(self.pick(SUBJECTS))}" for _ in range(self.rng.randint(1, 3)))
        who = "Ủy ban nhân dân huyện" if self.district else "Giám đốc Sở"
        lines = [f"{self.pick(('Thực hiện', 'Căn cứ'))} {cites}; để triển khai có hiệu quả việc {subject}, "
                 f"{who} yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:"]
        if self.rng.random() < 0.4:
            lines[0:0] = self.situation()
        return lines

    def situation(self) -> list[str]:
        """A paragraph on last period's results, with footnotes naming communes or offices."""
        total = self.rng.randint(40, 900)
        online = self.rng.randint(1, total)
        notes = [self.rng.sample(COMMUNES if self.district else self.units, 2) for _ in range(2)]
        text = (f"Trong năm {self.year - 1}, tỷ lệ hồ sơ trực tuyến đạt {online}/{total} hồ sơ "
                f"({online * 100 // total}%); việc số hóa hồ sơ còn chậm¹; một số đơn vị để hồ sơ quá hạn²."
                )
        marks = ("¹", "²")
        return [text, *(f"{m} {'Các xã' if self.district else 'Các đơn vị'}: {', '.join(n)}." for m, n in
                        zip(marks, notes, strict=True))]

    def items(self) -> list[str]:
        lines: list[str] = []
        by_unit = self.rng.random() < 0.4
        units = self.rng.sample(self.units, min(len(self.units), self.rng.randint(2, 5)))
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
            lines.append(f"{k}. {self.pick(OBJECTS).format(y=self.year).capitalize()}")
            for letter in "abcd"[: self.rng.randint(1, 4)]:
                lines.append(f"{letter}) " + self.assignment())
        lines.append("III. TỔ CHỨC THỰC HIỆN")
        for k, unit in enumerate(self.rng.sample(self.units, 3), 1):
            lines.append(f"{k}. {unit}")
            lines += [self.bullet() for _ in range(self.rng.randint(1, 3))]
        return lines

    def footer(self) -> list[str]:
        short = self.code.split("-")[-1]
        cc = ["Nơi nhận:", "- Như trên;", f"- {self.pick(('UBND tỉnh', 'Sở Nội vụ', 'Thường trực Huyện ủy'))};",
              f"- Lưu: VT, {short}."]
        if self.district:
            sign = self.pick((["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]))
        else:
            sign = self.pick((["GIÁM ĐỐC"], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]))
        return [*cc, *sign, self.person()]

    def document(self) -> str:
        plan = self.rng.random() < 0.2
        subject = self.fill(self.pick(SUBJECTS))
        closing = self.pick((
            "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
            f"Giao {self.pick(self.units)} theo dõi, đôn đốc và tổng hợp báo cáo kết quả thực hiện./.",
            "Trên đây là các nội dung cần tập trung triển khai; đề nghị các đơn vị thực hiện nghiêm túc./.",
        ))
        body = self.plan_body() if plan else self.items()
        lines = [*self.header(plan, subject), *self.preamble(subject), *body, closing, *self.footer()]
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
