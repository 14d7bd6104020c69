# non-ASCII and long string constants in the qstr and constant tables
greek = 'αβγδε'
cjk = '漢字テスト'
emoji = '😀🎉'
mixed = 'naïve café ñ ü'
print(greek, len(greek), cjk, len(cjk), emoji, len(emoji), mixed, len(mixed))
print(len(greek.encode()), len(cjk.encode()), len(emoji.encode()))
long_ascii = 'abcdefghij' * 40
long_uni = 'é' * 300
print(len(long_ascii), long_ascii[395:], len(long_uni), len(long_uni.encode()))
print(greek[1], cjk[-1], emoji[0] == '😀', greek + cjk == 'αβγδε漢字テスト')
keys = {'ключ': 1, '키': 2}
print(keys['ключ'], keys['키'])
