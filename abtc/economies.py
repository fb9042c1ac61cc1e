"""The APEC economies an ABTC is asked for (Quyết định 09/2023/QĐ-TTg, Art. 3: the
economies taking part in the APEC business travel card scheme).

Viet Nam issues the card to its own business people, so it is no destination. Canada and
the United States are transitional members: they admit card holders through the fast
lanes but still ask for a visa; the register keeps them as the card names them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Economy(models.TextChoices):
    AU = "AU", _("Úc")
    BN = "BN", _("Bru-nây")
    CA = "CA", _("Ca-na-đa")
    CL = "CL", _("Chi-lê")
    CN = "CN", _("Trung Quốc")
    HK = "HK", _("Hồng Công (Trung Quốc)")
    ID = "ID", _("In-đô-nê-xi-a")
    JP = "JP", _("Nhật Bản")
    KR = "KR", _("Hàn Quốc")
    MY = "MY", _("Ma-lai-xi-a")
    MX = "MX", _("Mê-hi-cô")
    NZ = "NZ", _("Niu Di-lân")
    PG = "PG", _("Pa-pua Niu Ghi-nê")
    PE = "PE", _("Pê-ru")
    PH = "PH", _("Phi-líp-pin")
    RU = "RU", _("Liên bang Nga")
    SG = "SG", _("Xin-ga-po")
    TW = "TW", _("Đài Loan (Trung Quốc)")
    TH = "TH", _("Thái Lan")
    US = "US", _("Hoa Kỳ")


def names(codes) -> list[str]:
    """Return the Vietnamese names of ``codes``, in the order given (unknown codes as is)."""
    labels = dict(Economy.choices)
    return [str(labels.get(code, code)) for code in codes]
