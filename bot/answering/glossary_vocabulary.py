"""The general English -> Vietnamese CCHC vocabulary that glossary.py translates questions with."""

from __future__ import annotations

import re

from index.text.vocabulary import DOC_TYPES


def phrase_table(rows: str) -> dict[str, str]:
    """English phrase (lower case) -> Vietnamese wording, from rows "spelling | spelling = wording"
    separated by ";" or line ends. Rows keep their order: it decides which entry an English inflection
    belongs to when two entries could claim it (glossary._GLOSSARY_FORMS)."""
    table: dict[str, str] = {}
    for row in filter(str.strip, re.split(r"[;\n]", rows)):
        spellings, wording = row.split("=")
        table.update(dict.fromkeys((spelling.strip() for spelling in spellings.split("|")), wording.strip()))
    return table


def _doc_types(english: dict[str, str]) -> dict[str, str]:
    """English names of document types, checked against the vocabulary's type names: the glossary
    must translate into the words the parser gives Document.doc_type."""
    if unknown := set(english.values()) - set(DOC_TYPES):
        raise ValueError(f"not document types in index.text.vocabulary: {sorted(unknown)}")
    return english


# English phrase (lower case) -> Vietnamese wording used in directives. Longer phrases are matched
# first, so "online public service" wins over "public service" and "service". The wording is written
# once per row, for all the English spellings (plurals, synonyms) that take it.
GENERAL_TERMS: dict[str, str] = {
    # --- reform programme, indexes, procedures -------------------------------------------------
    **phrase_table("""
        public administration reform | administrative reform = cải cách hành chính
        administrative procedure reform = cải cách thủ tục hành chính; par index = chỉ số cải cách hành chính
        administrative procedures | administrative procedure = thủ tục hành chính
        reform index = chỉ số cải cách hành chính; competitiveness index = chỉ số năng lực cạnh tranh
        satisfaction = sự hài lòng; one-stop shop | one stop shop | one-stop | one stop = một cửa
        inter-agency = liên thông
        public administration service centre | public administration service center = trung tâm phục vụ hành chính công
        public administration centre | public administration center = trung tâm hành chính công
        online public services | online public service = dịch vụ công trực tuyến
        national public service portal = cổng dịch vụ công quốc gia; public service portal = cổng dịch vụ công
        public services | public service = dịch vụ công; end-to-end = toàn trình; fully online = trực tuyến toàn trình
        full process = toàn trình; partially online = trực tuyến một phần
        online payment | online payments = thanh toán trực tuyến
        online applications | online application = hồ sơ trực tuyến
        online submissions | online submission = hồ sơ nộp trực tuyến
        postal service | public postal service = dịch vụ bưu chính công ích; overdue = quá hạn; on time = đúng hạn
        ahead of schedule = trước hẹn; late = trễ hẹn
        post publicly | publicly post | public posting | display publicly = niêm yết công khai
        post | posted = niêm yết; conference = hội nghị; apology | apologise | apologize = xin lỗi
        simplification | simplify = đơn giản hóa; cut | reduce = cắt giảm; review = rà soát
        inspection | inspect | check = kiểm tra; self-inspection = tự kiểm tra; supervision = giám sát
        monitor | monitoring | follow up = theo dõi; appraisal council = hội đồng thẩm định; appraisal = thẩm định
        evaluation | assessment = đánh giá; ranking | ranked = xếp hạng; score = điểm
        sociological survey = điều tra xã hội học; initiative | initiatives = sáng kiến
    """),
    # --- remediation and reporting -------------------------------------------------------------
    **phrase_table("""
        shortcomings | shortcoming = tồn tại, hạn chế; weaknesses | limitations = hạn chế
        remediation | remedy | remediate | fix | overcome = khắc phục; results | result = kết quả
        reports | report | reporting = báo cáo; submit = nộp; send = gửi; inspection team = đoàn kiểm tra
        inspection report = báo cáo kiểm tra; minutes = biên bản; progress | schedule = tiến độ; deadline = thời hạn
        plan | plans = kế hoạch; tasks | task | duties = nhiệm vụ; targets | target | indicators = chỉ tiêu
        solutions | measures = giải pháp
    """),
    # --- communication -------------------------------------------------------------------------
    **phrase_table("""
        propaganda | communication | communications | publicity | awareness raising | dissemination = tuyên truyền
        press | newspapers = báo chí; website | web portal = trang thông tin điện tử
        news articles | articles = tin bài
    """),
    # --- digital government --------------------------------------------------------------------
    **phrase_table("""
        digital transformation = chuyển đổi số
        digitisation | digitization | digitise | digitize | digitalisation | digitalization = số hóa
        digital signatures | digital signature | e-signature = chữ ký số; electronic records = hồ sơ điện tử
        electronic record book = sổ điện tử; record book | logbook = sổ theo dõi
        e-government | electronic government = chính quyền điện tử; digital government = chính quyền số
        e-commerce = thương mại điện tử; electronic = điện tử; digital = số
        information technology = công nghệ thông tin; it infrastructure = hạ tầng công nghệ thông tin
        infrastructure = hạ tầng; software = phần mềm; database | databases = cơ sở dữ liệu
        population data = dữ liệu dân cư; electronic identification = định danh và xác thực điện tử
        identification = định danh; authentication = xác thực; project 06 = đề án 06; scheme | project = đề án
        information security = an toàn thông tin; work records | work files = hồ sơ công việc
        document management = quản lý văn bản; archives | archiving = lưu trữ
        quality management system = hệ thống quản lý chất lượng
    """),
    # --- documents -----------------------------------------------------------------------------
    **phrase_table("""
        incoming and outgoing documents = văn bản đi, đến
        legal documents | legal normative documents = văn bản quy phạm pháp luật; documents | document = văn bản
    """),
    **_doc_types(phrase_table("""
        dispatch | official letter | letter = công văn; decision = quyết định; decree = nghị định
        resolution = nghị quyết; directive = chỉ thị; circular = thông tư; conclusion = kết luận
        official telegram = công điện; notice = thông báo; regulation = quy chế; regulations = quy định
    """)),
    **phrase_table("""
        signed | sign = ký; issued = ban hành
        records | record | applications | application | dossiers | dossier | files = hồ sơ; catalogue = danh mục
        cases | case = hồ sơ; case handling | handling of cases = giải quyết hồ sơ
        handling | handle | processing | resolve | resolving = giải quyết
        draft | drafting | prepare | develop = xây dựng
    """),
    # --- organisations and people --------------------------------------------------------------
    **phrase_table("""
        people's committee | peoples committee = ủy ban nhân dân; people's council = hội đồng nhân dân
        provincial people's committee = ủy ban nhân dân tỉnh; district people's committee = ủy ban nhân dân huyện
        government office = văn phòng chính phủ; prime minister = thủ tướng chính phủ; government = chính phủ
        ministry = bộ; department of home affairs = sở nội vụ; home affairs | internal affairs = nội vụ
        department of industry and trade = sở công thương; industry and trade = công thương
        department of science and technology = sở khoa học và công nghệ
        science and technology = khoa học và công nghệ; department of justice | justice department = sở tư pháp
        justice = tư pháp; department of finance = sở tài chính
        department of planning and investment = sở kế hoạch và đầu tư
        department of information and communications = sở thông tin và truyền thông
        department of education and training = sở giáo dục và đào tạo; department of health = sở y tế
        department of construction = sở xây dựng; department of transport = sở giao thông vận tải
        department of natural resources and environment = sở tài nguyên và môi trường
        department of agriculture and rural development = sở nông nghiệp và phát triển nông thôn
        department of labour, invalids and social affairs = sở lao động - thương binh và xã hội
        department of culture, sports and tourism = sở văn hóa, thể thao và du lịch
        provincial office = văn phòng ủy ban nhân dân tỉnh; civil status | civil registration = hộ tịch
        goal | goals = mục tiêu; information and communications = thông tin và truyền thông
        it team = tổ công nghệ thông tin; department office = văn phòng sở; departments | department = sở
        offices | office = văn phòng; divisions | division = phòng
        specialised divisions | specialized divisions = phòng chuyên môn; units | unit = đơn vị
        agencies | agency = cơ quan; centre | center = trung tâm; team = tổ; board = ban; communes | commune = xã
        townships | township | towns | town = thị trấn; districts | district = huyện
        provinces | province | provincial = tỉnh; localities | locality | local = địa phương
        chairman | chairperson = chủ tịch; vice chairman = phó chủ tịch; director = giám đốc
        deputy director = phó giám đốc; head | heads = người đứng đầu; leaders | leadership = lãnh đạo
        civil servants | civil servant = công chức; officials = cán bộ; public employees = viên chức
        staff = cán bộ, công chức; employees = người lao động; citizens | people = người dân
        businesses | enterprises = doanh nghiệp; party committee = đảng ủy; one-stop department = bộ phận một cửa
    """),
    # --- discipline, personnel, finance ---------------------------------------------------------
    **phrase_table("""
        discipline = kỷ luật; administrative discipline = kỷ luật, kỷ cương hành chính
        public service culture = văn hóa công vụ; working hours = thời gian làm việc
        arriving late | coming late | late arrival = đi muộn; leaving early = về sớm; violations | violation = vi phạm
        training = đào tạo, bồi dưỡng; recruitment = tuyển dụng; staffing = biên chế; article = bài viết
        online = trực tuyến; fees | fee | charges = phí, lệ phí; pay | paying | payment | payments = thanh toán
        payroll = biên chế; public finance = tài chính công; finance = tài chính
        budget revenue | budget collection | revenue = thu ngân sách; budget = ngân sách
        funding | funds | fund | funded | costs | cost | expenses = kinh phí; disbursement = giải ngân
        public investment = đầu tư công; autonomy = tự chủ; internal spending rules = quy chế chi tiêu nội bộ
        rewards | commendation = khen thưởng; criticism = phê bình; job position = vị trí việc làm
        rotation = luân chuyển; dialogue = đối thoại; working regulations = quy chế hoạt động
    """),
    # --- verbs and qualifiers common in questions ------------------------------------------------
    **phrase_table("""
        administrative reform work = công tác cải cách hành chính; work = công tác; activities = hoạt động
        open | opened | set up = mở; establish = thành lập; implement | implementation = triển khai thực hiện
        carry out = thực hiện; coordinate | coordinating = phối hợp; lead | leading = chủ trì
        in charge | responsible = phụ trách; upgrade = nâng cấp; improve = nâng cao; strengthen = tăng cường
        update = cập nhật; publish | announce = công bố; publicly = công khai; transparency = công khai minh bạch
        rate | ratio | percentage | proportion = tỷ lệ; minimum | at least = tối thiểu; maximum = tối đa
        total = tổng số; in total = tổng cộng; low | lowest = thấp; high = cao; quality = chất lượng
        poor | limited = hạn chế; first quarter = quý i; second quarter = quý ii; quarter = quý
        first six months = 06 tháng đầu năm; first half = 6 tháng đầu năm; monthly = hằng tháng
        annual | annually = hằng năm; year = năm; month = tháng; from = kể từ; before = trước
        field | sector = lĩnh vực; meeting = cuộc họp; briefing = giao ban
    """),
}
