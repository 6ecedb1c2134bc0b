/// The Keystone v3 subset.
public enum Identity {}
