"""Foreign non-governmental aid (viện trợ phi chính phủ nước ngoài, PCPNN).

The register of foreign NGOs (tổ chức phi chính phủ nước ngoài) and the province's
history with each; the aid projects a receiving unit (chủ khoản viện trợ) asks the
People's Committee to approve, through their flow, and follows until they end
(disbursements, periodic reports, lapse); the meetings held with NGOs. Nghị định
80/2020/NĐ-CP, replaced by Nghị định 313/2025/NĐ-CP from 08/12/2025 (docs/flows.md).
"""
