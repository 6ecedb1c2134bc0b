// generator placeholder
print("not yet")
