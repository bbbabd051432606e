"""Unit extraction: headings, lead/support roles, table cells, issuers from ký hiệu codes."""

from __future__ import annotations

import pytest

from index.extract.units import (
    extract_units,
    find_units,
    issuer_from_number,
    lead_for_date,
    split_units,
    unit_from_heading,
)


@pytest.mark.parametrize(("heading", "unit"), [
    ("1. Văn phòng Sở", "Văn phòng Sở"),
    ("#### 1. Văn phòng Sở", "Văn phòng Sở"),
    ("## 2. Tổ Công nghệ thông tin", "Tổ Công nghệ thông tin"),
    ("## 3. Các phòng chuyên môn, Trung tâm", "Các phòng chuyên môn, Trung tâm"),
    ("a) phòng Nội vụ:", "Phòng Nội vụ"),
    ("II. Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông"),
    ("Trung tâm Phục vụ hành chính công tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),
    ("4. Phòng Văn hóa và Thông tin", "Phòng Văn hóa và Thông tin"),
    ("5. Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch"),
    ("6. Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND huyện"),
    ("7. Công an huyện", "Công an huyện"),
    ("8. Ủy ban nhân dân các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn"),
    ("9. UBND các xã, thị trấn.", "UBND các xã, thị trấn"),
])
def test_heading_names_a_unit(heading: str, unit: str) -> None:
    assert unit_from_heading(heading) == unit


@pytest.mark.parametrize("heading", [
    "1. Tăng cường công tác chỉ đạo, điều hành triển khai thực hiện các nhiệm vụ CCHC.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "2. Phòng, chống tham nhũng, tiêu cực",
    "3. Tổ chức thực hiện",
    "4. Ban hành kế hoạch kiểm tra",
    "1. Văn phòng Sở chủ trì tổ chức hội nghị",
    "",
])
def test_heading_that_is_not_a_unit(heading: str) -> None:
    assert unit_from_heading(heading) is None


def test_seed_004_sentence_starting_with_a_unit() -> None:
    text = (
        "1. Ủy ban nhân dân các xã, thị trấn tập trung khắc phục triệt để các tồn tại, hạn chế trong "
        "thực hiện CCHC do Đoàn kiểm tra đã chỉ ra (tại Biên bản kiểm tra và Báo cáo số 02/BC-ĐKT ngày "
        "25/6/2024); báo cáo kết quả khắc phục về Ủy ban nhân dân huyện (*qua Phòng Nội vụ*) trước "
        "ngày 30/8/2024."
    )
    assert extract_units(text) == (["Ủy ban nhân dân các xã, thị trấn"], ["Phòng Nội vụ"])


def test_seed_004_yeu_cau_x_phai() -> None:
    text = ("thực hiện nghiêm việc gửi nhận văn bản. Kể từ ngày 01/7/2024, yêu cầu các xã, thị trấn "
            "phải mở sổ điện tử theo dõi văn bản trên phần mềm hồ sơ công việc;")
    assert extract_units(text) == (["các xã, thị trấn"], [])


def test_seed_004_giao_x_chu_tri_phoi_hop_y() -> None:
    text = ("3. Giao phòng Nội vụ chủ trì, phối hợp các phòng chuyên môn thuộc UBND huyện thường xuyên "
            "theo dõi, tổng hợp, báo cáo tiến độ thực hiện của các địa phương tại các cuộc họp giao ban "
            "hàng tháng của UBND huyện.")
    # "các" keeps its written case; only head words (Phòng, Sở, Ủy ban ...) are capitalised.
    assert extract_units(text) == (["Phòng Nội vụ"], ["các phòng chuyên môn thuộc UBND huyện"])


def test_seed_000_inherited_heading_unit_leads() -> None:
    text = ("- Chủ trì, phối hợp với các phòng, Trung tâm tập trung rà soát, đánh giá lại toàn bộ các nội "
            "dung, chỉ tiêu liên quan đến công tác CCHC năm 2021.")
    assert extract_units(text, "Văn phòng Sở") == (["Văn phòng Sở"], ["các phòng, Trung tâm"])
    assert extract_units(text) == ([], ["các phòng, Trung tâm"])


def test_seed_000_support_list() -> None:
    text = ("- Phối hợp với Sở Thông tin và Truyền thông và các Sở, ngành liên quan bàn giao thí điểm "
            "chuyển giao nhiệm vụ hành chính công tại Trung tâm hành chính công tỉnh;")
    assert extract_units(text, "Văn phòng Sở") == (
        ["Văn phòng Sở"], ["Sở Thông tin và Truyền thông", "các Sở, ngành liên quan"])


def test_seed_000_heading_unit_supports_elsewhere() -> None:
    text = ("- Thực hiện nghiêm túc việc phối hợp với Văn phòng Sở và các phòng, bộ phận được giao thực "
            "hiện các nội dung liên quan đến công tác CCHC")
    assert extract_units(text, "Các phòng chuyên môn, Trung tâm") == (
        ["Các phòng chuyên môn, Trung tâm"], ["Văn phòng Sở", "các phòng, bộ phận"])


def test_seed_001_giao_x_verb() -> None:
    text = ("Giao Văn phòng Sở đôn đốc các phòng, đơn vị trực thuộc kịp thời triển khai các nội dung nêu "
            "trên; định kỳ tổng hợp, tham mưu báo cáo kết quả thực hiện theo quy định./.")
    assert extract_units(text) == (["Văn phòng Sở"], [])


def test_text_lead_replaces_inherited() -> None:
    text = "Phòng Văn hóa và Thông tin chủ trì, phối hợp với Phòng Tài chính - Kế hoạch, Công an huyện"
    assert extract_units(text, "Văn phòng HĐND và UBND huyện") == (
        ["Phòng Văn hóa và Thông tin"], ["Phòng Tài chính - Kế hoạch", "Công an huyện"])


@pytest.mark.parametrize("text", [
    "Tăng cường mức độ hài lòng của người dân và doanh nghiệp, lấy người dân làm trung tâm phục vụ.",
    "Tuy nhiên, qua kết quả đánh giá chỉ số CCHC năm 2020 của UBND tỉnh, Sở Công Thương xếp hạng thứ 14.",
    "Ủy ban nhân dân huyện yêu cầu:",
    "Thực hiện nghiêm các quy định về phòng, chống tham nhũng.",
])
def test_no_roles(text: str) -> None:
    assert extract_units(text) == ([], [])


@pytest.mark.parametrize(("cell", "units"), [
    ("Phòng Nội vụ; Phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Phòng Nội vụ, phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Phòng Nội vụ và Phòng Tư pháp", ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("- Phòng Nội vụ\n- Công an huyện", ["Phòng Nội vụ", "Công an huyện"]),
    ("UBND các xã, thị trấn", ["UBND các xã, thị trấn"]),
    ("Các cơ quan, đơn vị liên quan", ["Các cơ quan, đơn vị liên quan"]),
    ("Chủ trì: Văn phòng Sở", ["Văn phòng Sở"]),
    ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
    ("Người dân", []),
    ("", []),
])
def test_split_units(cell: str, units: list[str]) -> None:
    assert split_units(cell) == units


@pytest.mark.parametrize(("number", "issuer"), [
    ("/SCT-VP2", "Sở Công Thương"),
    ("/SCT-VP<sub>2</sub>", "Sở Công Thương"),
    ("Số: /SKHCN-VP", "Sở Khoa học và Công nghệ"),
    ("/UBND-NV", "Ủy ban nhân dân"),
    ("25/KH-UBND", "Ủy ban nhân dân"),
    ("1593/UBND-NC1", "Ủy ban nhân dân"),
    ("385/SNV-CCHCVTLT", "Sở Nội vụ"),
    ("280/CĐ-TTg", "Thủ tướng Chính phủ"),
    ("53/TB-VPCP", "Văn phòng Chính phủ"),
    ("151/NQ-HĐND", "Hội đồng nhân dân"),
    ("01/2023/TT-BNV", "Bộ Nội vụ"),
    ("48/KH-TCTTKĐA06", ""),
    ("02/BC-ĐKT", ""),
    ("", ""),
])
def test_issuer_from_number(number: str, issuer: str) -> None:
    assert issuer_from_number(number) == issuer


def test_one_rule_decides_whether_two_unit_names_are_the_same_unit() -> None:
    from index.extract.units import unit_matches

    same = [("Phòng Nội vụ", "Phòng Nội vụ huyện Hương Sơn"), ("Phòng Nội vụ huyện", "Phòng Nội vụ"),
            ("UBND các xã", "Ủy ban nhân dân các xã, thị trấn"), ("các xã, thị trấn", "UBND các xã, thị trấn"),
            ("phong noi vu", "Phòng Nội vụ")]
    different = [("Phòng", "Phòng Nội vụ"), ("Phòng Tư pháp", "Phòng Nội vụ"), ("", "Phòng Nội vụ"),
                 ("Sở Nội vụ", "Phòng Nội vụ")]
    assert all(unit_matches(a, b) and unit_matches(b, a) for a, b in same)
    assert not any(unit_matches(a, b) for a, b in different)


# --- officials' titles, national bodies, lists, headings, a date's own lead -----------------------


@pytest.mark.parametrize(("text", "lead"), [
    # An official's title stands for the unit it heads.
    ("Bộ trưởng Bộ Tư pháp hoàn thành việc rà soát văn bản trong tháng 12 năm 2025.", ["Bộ Tư pháp"]),
    ("Giám đốc Sở Tài chính khẩn trương trình phương án phân bổ kinh phí.", ["Sở Tài chính"]),
    ("Thủ trưởng các cơ quan, đơn vị có trách nhiệm tổ chức thực hiện Quyết định này.",
     ["các cơ quan, đơn vị"]),
    ("Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chỉ đạo rà soát quy trình.",
     ["Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]),
    # A list of titles names the group, and the list's verb ("chủ trì") gives all of it the lead.
    ("Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các "
     "tỉnh chủ trì, phối hợp với cơ quan kiểm tra hoàn thành việc rà soát.",
     ["các Bộ", "cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh"]),
    # National bodies and lower-case groups.
    ("Giao Bộ Y tế chủ trì, phối hợp với Văn phòng Chính phủ xây dựng dự thảo.", ["Bộ Y tế"]),
    ("(1) Kiểm toán Nhà nước ban hành kế hoạch trước ngày 15 tháng 12 năm 2025;", ["Kiểm toán Nhà nước"]),
    ("Ngân hàng Nhà nước Việt Nam và các ngân hàng thương mại khẩn trương hướng dẫn thủ tục.",
     ["Ngân hàng Nhà nước Việt Nam", "các ngân hàng thương mại"]),
    ("đề nghị bộ, ngành, địa phương khẩn trương gửi báo cáo.", ["bộ, ngành, địa phương"]),
    # A unit opening its sentence with a colon owns the list of tasks after it.
    ("Bộ Giáo dục và Đào tạo: (1) chủ trì, phối hợp với các bộ, ngành xây dựng đề án;",
     ["Bộ Giáo dục và Đào tạo"]),
    # A list after a plural head gives each unit.
    ("Các Bộ: Xây dựng, Công Thương, Khoa học và Công nghệ khẩn trương sửa đổi thông tư.",
     ["Bộ Xây dựng", "Bộ Công Thương", "Bộ Khoa học và Công nghệ"]),
    ("yêu cầu Ủy ban nhân dân các tỉnh: Lào Cai; Yên Bái; Hà Giang báo cáo kết quả.",
     ["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Hà Giang"]),
    ("Sở Nội vụ, Sở Tư pháp và UBND các huyện tập trung thực hiện.",
     ["Sở Nội vụ", "Sở Tư pháp", "UBND các huyện"]),
    ("Đơn vị chủ trì: Sở Xây dựng.", ["Sở Xây dựng"]),
    ("Cục Di sản văn hóa, Cục Văn hóa cơ sở Phối hợp với Vụ Kế hoạch tài chính hoàn thiện dự thảo.",
     ["Cục Di sản văn hóa", "Cục Văn hóa cơ sở"]),
])
def test_lead_units_of_the_genre(text: str, lead: list[str]) -> None:
    assert extract_units(text)[0] == lead


@pytest.mark.parametrize(("text", "support"), [
    # Routing is no lead, and whom a report goes to gets no role.
    ("Các sở, ngành báo cáo Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 15/12/2025.", ["Sở Nội vụ"]),
    ("Đơn vị phối hợp: Sở Tài chính.", ["Sở Tài chính"]),
])
def test_routing_and_support(text: str, support: list[str]) -> None:
    lead, got = extract_units(text)
    assert got == support
    assert not any("Ủy ban nhân dân tỉnh" == u for u in lead)


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện năm 2026 như sau:",
    "Ủy ban nhân dân cấp xã quyết định thanh lý tài sản công thuộc phạm vi quản lý.",
    "Bộ Y tế là cơ quan chủ trì thẩm định hồ sơ.",
    "thực hiện nhiệm vụ Chuyển đổi số theo kế hoạch.",
])
def test_no_lead_for_issuers_powers_and_tasks(text: str) -> None:
    assert extract_units(text)[0] == []


@pytest.mark.parametrize(("heading", "unit"), [
    ("3. Bộ Tài chính:", "Bộ Tài chính"),
    ("Điều 12. Trách nhiệm của Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("b) Giám đốc Sở Nội vụ:", "Sở Nội vụ"),
    ("2. Bộ trưởng các Bộ, Thủ trưởng cơ quan ngang bộ", "các Bộ, cơ quan ngang bộ"),
    ("1. Vụ Pháp chế", "Vụ Pháp chế"),
    ("4. Các đơn vị có TTHC", "Các đơn vị có TTHC"),
])
def test_headings_of_national_and_provincial_directives(heading: str, unit: str) -> None:
    assert unit_from_heading(heading) == unit


def test_closing_article_lists_officials_and_their_units() -> None:
    text = ("Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc các Sở: Tài chính, Tư pháp; Thủ trưởng các "
            "sở, ban, ngành; Chủ tịch UBND các xã chịu trách nhiệm thi hành Quyết định này./.")
    assert extract_units(text)[0] == ["Văn phòng Ủy ban nhân dân tỉnh", "Sở Tài chính", "Sở Tư pháp",
                                      "các sở, ban, ngành", "UBND các xã"]


def test_each_date_of_a_clause_has_its_own_lead() -> None:
    text = ("Triển khai chiến lược dữ liệu: (1) Bộ Tư pháp ban hành trước ngày 25 tháng 11 năm 2025; "
            "(2) Bộ Nội vụ chủ trì, phối hợp các bộ hướng dẫn, hoàn thành trước ngày 25 tháng 11 năm 2025; "
            "các bộ, ngành, địa phương căn cứ hướng dẫn tổ chức rà soát; gửi kết quả về Bộ Nội vụ trước "
            "ngày 10 tháng 12 năm 2025. Thời hạn hoàn thành: trước ngày 31/12/2025.")
    assert lead_for_date(text, "trước ngày 25 tháng 11 năm 2025") == "Bộ Tư pháp"
    assert lead_for_date(text, "trước ngày 25 tháng 11 năm 2025", nth=1) == "Bộ Nội vụ"
    assert lead_for_date(text, "trước ngày 10 tháng 12 năm 2025") == "các bộ, ngành, địa phương"
    assert lead_for_date(text, "trước ngày 31/12/2025") == ""   # the whole clause's deadline
    assert lead_for_date(text, "không có") == ""


def test_find_units_sees_officials_units() -> None:
    assert find_units("Giám đốc Sở Nội vụ phải làm gì trước ngày 30/11?") == ["Sở Nội vụ"]


def test_a_dash_inside_a_name_is_no_list_but_dash_bullets_are() -> None:
    from index.extract.units import split_units

    assert split_units("Phòng Tài chính - Kế hoạch") == ["Phòng Tài chính - Kế hoạch"]
    assert split_units("- Sở Y tế - Sở Nội vụ") == ["Sở Y tế", "Sở Nội vụ"]
    assert split_units("Sở Tư pháp; Phòng Tài chính - Kế hoạch") == ["Sở Tư pháp", "Phòng Tài chính - Kế hoạch"]


def test_a_heading_with_two_names_side_by_side_is_read_without_error() -> None:
    from index.extract.units import unit_from_heading

    unit_from_heading("1. Ban Tuyên giáo và Dân vận các tỉnh ủy, thành ủy")   # once raised IndexError
    assert unit_from_heading("2. Sở Nội vụ, Sở Tư pháp") == "Sở Nội vụ, Sở Tư pháp"


def test_broadcasters_and_the_news_agency_are_units_and_a_capitalised_verb_ends_a_name() -> None:
    from index.extract.units import extract_units

    lead, _ = extract_units("Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam tăng thời lượng tuyên truyền.")
    assert lead == ["Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam"]
    lead, _ = extract_units("Cục Văn hóa cơ sở, Gia đình và Thư viện Khẩn trương hoàn thiện dự thảo Thông tư.")
    assert lead == ["Cục Văn hóa cơ sở, Gia đình và Thư viện"]
    assert extract_units("Bộ Xây dựng chủ trì rà soát quy chuẩn.")[0] == ["Bộ Xây dựng"]


def test_the_standing_body_of_a_working_group_is_a_unit() -> None:
    from index.extract.units import extract_units

    lead, _ = extract_units("Cơ quan thường trực Tổ công tác tổng hợp, báo cáo UBND tỉnh trước ngày 20 hằng tháng.")
    assert lead == ["Cơ quan thường trực Tổ công tác"]


def test_levels_after_a_ubnd_and_organisations_in_a_group_stay_in_their_name() -> None:
    lead, _ = extract_units("Các Sở, ban, ngành, UBND xã, phường và các cơ quan, tổ chức có liên quan căn cứ "
                            "Kế hoạch này, xây dựng kế hoạch triển khai tại cơ quan, đơn vị.")
    assert lead == ["Các Sở, ban, ngành", "UBND xã, phường", "các cơ quan, tổ chức có liên quan"]
    assert extract_units("UBND tỉnh, Sở Nội vụ phối hợp triển khai.")[0] == ["UBND tỉnh", "Sở Nội vụ"]
    assert extract_units("UBND xã, phường, đặc khu tổ chức tuyên truyền.")[0] == ["UBND xã, phường, đặc khu"]
