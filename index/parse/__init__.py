"""A directive's text into its parts, as Decree 30/2020/NĐ-CP lays them out."""
