# formatting non-ASCII strings with %, format and f-strings (str, not repr)
name = 'Zoë'
city = 'São Paulo'
print('%s lives in %s' % (name, city))
print('{} lives in {}'.format(name, city), '{0}/{0}'.format('é'))
print(f'{name} -> {city}', f'{name}|{city}|', f'{"日本"}|', f'{len(name):>6}|')
print('%s|%s|' % ('é', 'ü'), '{}{}'.format('€', '€'), '%d%%' % 5 + '€')
print(str(len(city)) + ' chars', city[::1] == city, city + '!' * 2)
