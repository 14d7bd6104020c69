# string literal escapes and raw strings
print('tab\there', 'nl\\n', 'quote\'s', "dq\"s")
print(len('\n'), len('\x41'), '\x41\x42', '\101', '\u00e9' == 'é', len('\0'))
print(repr('\n\t\r\\'), repr('\x00'), repr('\x7f'), repr("'"), repr('"'), repr('\'"'))
print(r'raw\n', len(r'\n'), r'\d+', rb'\x00')
print('a' 'b' "c", 'line\
continued')
print("""triple "quotes" inside""", '''and 'single' too''')
print(ord('\a'), ord('\b'), ord('\f'), ord('\v'))
print(b'\x00\x01' + b'\n', repr(b'\r'), repr(b'\x80'))
