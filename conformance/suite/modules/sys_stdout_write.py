# sys.stdout.write writes without adding a newline
import sys
n = sys.stdout.write('hello')
sys.stdout.write(' world\n')
sys.stdout.write('')
sys.stdout.write('a\nb\n')
print('returned', n)
print('after', end='|\n')
