"""swrtui: a terminal console for Huawei Cloud SWR."""

__version__ = "0.1.0"
