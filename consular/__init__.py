"""Consular cases (công tác lãnh sự, bảo hộ công dân): foreigners in distress in the
province, Vietnamese citizens and fishermen detained or in distress abroad."""
