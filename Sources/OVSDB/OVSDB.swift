public enum OVSDBPlaceholder {}
