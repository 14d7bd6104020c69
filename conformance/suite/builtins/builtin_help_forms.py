# help(): the help text, an object's type and the names of its type
help()
help(len)
help(int)
help(5)
help("text")
help([])

