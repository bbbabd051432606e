"""English names of the genre's institutions, and the verbs and nouns of its tasks, as directives write them.

Central directives address ministries by their short names ("Bộ Tư pháp", "các Bộ: Tài chính, Y tế");
an English question names them "Ministry of Justice", "the Minister of Finance". Mapping the whole
name keeps the unit one phrase for both halves of the search and for the answer's unit matching.
"""

from __future__ import annotations

from bot.answering.glossary_vocabulary import phrase_table

# The ministries and ministry-level bodies of the Government (after the 2025 restructuring, plus the
# older names officials still use), by their English and Vietnamese names.
_MINISTRY_FIELDS: dict[str, str] = phrase_table("""
    finance = Tài chính; justice = Tư pháp; home affairs = Nội vụ; public security = Công an
    national defence | national defense = Quốc phòng; foreign affairs = Ngoại giao
    industry and trade = Công Thương; agriculture and environment = Nông nghiệp và Môi trường
    agriculture and rural development = Nông nghiệp và Phát triển nông thôn
    natural resources and environment = Tài nguyên và Môi trường; construction = Xây dựng
    transport = Giao thông vận tải; education and training = Giáo dục và Đào tạo; health = Y tế
    culture, sports and tourism = Văn hóa, Thể thao và Du lịch; science and technology = Khoa học và Công nghệ
    ethnic and religious affairs = Dân tộc và Tôn giáo; information and communications = Thông tin và Truyền thông
    planning and investment = Kế hoạch và Đầu tư
    labour, invalids and social affairs = Lao động - Thương binh và Xã hội
""")


def _institutions() -> dict[str, str]:
    """"ministry of justice" -> "Bộ Tư pháp", "minister of justice" -> "Bộ trưởng Bộ Tư pháp", and the
    same for a province's departments ("department of justice" -> "Sở Tư pháp")."""
    out: dict[str, str] = {}
    for english, field in _MINISTRY_FIELDS.items():
        out[f"ministry of {english}"] = f"Bộ {field}"
        out[f"minister of {english}"] = f"Bộ trưởng Bộ {field}"
        out[f"department of {english}"] = f"Sở {field}"
    return out


# The provinces and centrally run cities (the 34 of the 2025 arrangement, plus the older names still
# written) as an English question spells them, without accents: an issuer or addressee is named by
# its place ("Ho Chi Minh City's database", "Hanoi's plan"), and an untranslated name counts as
# missing evidence.
_PLACES: dict[str, str] = phrase_table("""
    ho chi minh city | hcmc = Thành phố Hồ Chí Minh; hanoi | ha noi = Hà Nội; hai phong | haiphong = Hải Phòng
    da nang | danang = Đà Nẵng; can tho = Cần Thơ; hue city | hue = Huế; lai chau = Lai Châu
    dien bien = Điện Biên; son la = Sơn La; lang son = Lạng Sơn; quang ninh = Quảng Ninh; thanh hoa = Thanh Hóa
    nghe an = Nghệ An; ha tinh = Hà Tĩnh; cao bang = Cao Bằng; tuyen quang = Tuyên Quang; lao cai = Lào Cai
    thai nguyen = Thái Nguyên; phu tho = Phú Thọ; bac ninh = Bắc Ninh; hung yen = Hưng Yên; ninh binh = Ninh Bình
    quang tri = Quảng Trị; quang ngai = Quảng Ngãi; gia lai = Gia Lai; khanh hoa = Khánh Hòa; lam dong = Lâm Đồng
    dak lak | daklak = Đắk Lắk; dong nai = Đồng Nai; tay ninh = Tây Ninh; vinh long = Vĩnh Long
    dong thap = Đồng Tháp; ca mau = Cà Mau; an giang = An Giang
""")

INSTITUTIONS: dict[str, str] = {
    **_institutions(),
    **_PLACES,
    **phrase_table("""
        ministries = các bộ; ministers = bộ trưởng các bộ; minister = bộ trưởng
        ministry-level agencies | ministerial-level agencies = cơ quan ngang bộ
        government agencies = cơ quan thuộc chính phủ; deputy prime minister = phó thủ tướng
        steering committee = ban chỉ đạo; state bank = ngân hàng nhà nước
        government inspectorate = thanh tra chính phủ; city police = công an thành phố
        provincial police = công an tỉnh; police = công an; management board = ban quản lý
        people's committees = ủy ban nhân dân; city people's committee = ủy ban nhân dân thành phố
        commune-level | communal = cấp xã; wards | ward = phường; special zones | special zone = đặc khu
        public administration service centres = trung tâm phục vụ hành chính công
    """),
    # Kinds of document: "telegram" alone is how a công điện is usually rendered.
    **phrase_table("""
        telegram = công điện; conclusion notice = thông báo kết luận; official dispatch = công văn
    """),
    # Tasks of the genre that the general glossary renders too loosely.
    **phrase_table("""
        projects = dự án; backlogged projects = dự án tồn đọng; inspection conclusions = kết luận thanh tra
        smuggling = buôn lậu; trade fraud = gian lận thương mại; counterfeit goods = hàng giả
        lunar new year = Tết Nguyên đán; peak = cao điểm; finalise | finalize = hoàn thiện
        administrative units = đơn vị hành chính; two-tier local government = chính quyền địa phương 2 cấp
        electricity = điện lực; mineral | minerals = khoáng sản; exploration = thăm dò; religion = tôn giáo
        belief = tín ngưỡng; staffing quotas = biên chế
    """),
}

# The verbs and nouns directives give tasks with, in the words they use: an English question about a
# task ("which department must lock the intake function of the workflows") finds its clause only
# through them, and English words left untranslated count as evidence missing (evidence.py).
TASK_WORDS: dict[str, str] = phrase_table("""
    procedures | procedure = thủ tục; abolish | abolition = bãi bỏ; workflows | workflow = quy trình
    internal procedures = quy trình nội bộ; intake | receive = tiếp nhận; function | functions = chức năng
    lock = khóa; approve | approval = phê duyệt; build | construction = xây dựng; manage | management = quản lý
    operate | operation = vận hành; registration | register = đăng ký; system | systems = hệ thống
    errors | error = lỗi; slowness | delays = chậm; comments | comment | opinions | opinion | feedback = ý kiến
    consultation = lấy ý kiến; proposals | proposal | propose = đề xuất
    recommendations | recommendation = kiến nghị; technology = công nghệ; authenticate = xác thực
    address = địa chỉ; cadres | cadre = cán bộ; civil-servant = công chức; require = cần
    guide | guidance = hướng dẫn; evaluate = đánh giá; science = khoa học; innovation = đổi mới sáng tạo
    state budget = ngân sách nhà nước; processing time = thời hạn giải quyết; legal = pháp lý; identify = xác định
    finish | complete | completion = hoàn thành; policy = chủ trương; policies = chính sách
    commitment | commit = cam kết; data = dữ liệu; personnel = nhân sự; list = danh mục; appendix = phụ lục
    request = đề nghị; study | research = nghiên cứu; organise | organize = tổ chức; ensure = bảo đảm
    cybersecurity | cyber security = an ninh mạng; decentralisation | decentralization = phân cấp
    delegation = phân quyền; mechanism | mechanisms = cơ chế; salary | salaries = tiền lương
    arrangement | merger = sắp xếp; apparatus = bộ máy; advise = tham mưu; inspectors = thanh tra
    conclusions | conclude = kết luận; update = cập nhật
""")
