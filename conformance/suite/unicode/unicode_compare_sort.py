# comparison and sorting order follows code points
words = ['zebra', 'Äpfel', 'apple', 'été', 'Zoo', '日本', 'ñu', 'über']
s = sorted(words)
print(*s)
print('a' < 'é', 'é' < 'z' , 'Z' < 'a', 'ü' > 'u', '日' > 'z', 'é' == 'é')
print(max(words), min(words), '😀' > '日')
d = {'ключ': 'значение', 'clé': 'valeur'}
print(d['ключ'], d['clé'], len(d))
print(*sorted(d))
