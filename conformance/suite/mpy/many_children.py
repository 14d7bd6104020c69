# a module with hundreds of child code objects (functions, lambdas, classes)
def fn_0(x):
    return x + 0
def fn_1(x):
    return x + 1
def fn_2(x):
    return x + 2
def fn_3(x):
    return x + 3
def fn_4(x):
    return x + 4
def fn_5(x):
    return x + 5
def fn_6(x):
    return x + 6
def fn_7(x):
    return x + 7
def fn_8(x):
    return x + 8
def fn_9(x):
    return x + 9
def fn_10(x):
    return x + 10
def fn_11(x):
    return x + 11
def fn_12(x):
    return x + 12
def fn_13(x):
    return x + 13
def fn_14(x):
    return x + 14
def fn_15(x):
    return x + 15
def fn_16(x):
    return x + 16
def fn_17(x):
    return x + 17
def fn_18(x):
    return x + 18
def fn_19(x):
    return x + 19
def fn_20(x):
    return x + 20
def fn_21(x):
    return x + 21
def fn_22(x):
    return x + 22
def fn_23(x):
    return x + 23
def fn_24(x):
    return x + 24
def fn_25(x):
    return x + 25
def fn_26(x):
    return x + 26
def fn_27(x):
    return x + 27
def fn_28(x):
    return x + 28
def fn_29(x):
    return x + 29
def fn_30(x):
    return x + 30
def fn_31(x):
    return x + 31
def fn_32(x):
    return x + 32
def fn_33(x):
    return x + 33
def fn_34(x):
    return x + 34
def fn_35(x):
    return x + 35
def fn_36(x):
    return x + 36
def fn_37(x):
    return x + 37
def fn_38(x):
    return x + 38
def fn_39(x):
    return x + 39
def fn_40(x):
    return x + 40
def fn_41(x):
    return x + 41
def fn_42(x):
    return x + 42
def fn_43(x):
    return x + 43
def fn_44(x):
    return x + 44
def fn_45(x):
    return x + 45
def fn_46(x):
    return x + 46
def fn_47(x):
    return x + 47
def fn_48(x):
    return x + 48
def fn_49(x):
    return x + 49
def fn_50(x):
    return x + 50
def fn_51(x):
    return x + 51
def fn_52(x):
    return x + 52
def fn_53(x):
    return x + 53
def fn_54(x):
    return x + 54
def fn_55(x):
    return x + 55
def fn_56(x):
    return x + 56
def fn_57(x):
    return x + 57
def fn_58(x):
    return x + 58
def fn_59(x):
    return x + 59
def fn_60(x):
    return x + 60
def fn_61(x):
    return x + 61
def fn_62(x):
    return x + 62
def fn_63(x):
    return x + 63
def fn_64(x):
    return x + 64
def fn_65(x):
    return x + 65
def fn_66(x):
    return x + 66
def fn_67(x):
    return x + 67
def fn_68(x):
    return x + 68
def fn_69(x):
    return x + 69
def fn_70(x):
    return x + 70
def fn_71(x):
    return x + 71
def fn_72(x):
    return x + 72
def fn_73(x):
    return x + 73
def fn_74(x):
    return x + 74
def fn_75(x):
    return x + 75
def fn_76(x):
    return x + 76
def fn_77(x):
    return x + 77
def fn_78(x):
    return x + 78
def fn_79(x):
    return x + 79
def fn_80(x):
    return x + 80
def fn_81(x):
    return x + 81
def fn_82(x):
    return x + 82
def fn_83(x):
    return x + 83
def fn_84(x):
    return x + 84
def fn_85(x):
    return x + 85
def fn_86(x):
    return x + 86
def fn_87(x):
    return x + 87
def fn_88(x):
    return x + 88
def fn_89(x):
    return x + 89
def fn_90(x):
    return x + 90
def fn_91(x):
    return x + 91
def fn_92(x):
    return x + 92
def fn_93(x):
    return x + 93
def fn_94(x):
    return x + 94
def fn_95(x):
    return x + 95
def fn_96(x):
    return x + 96
def fn_97(x):
    return x + 97
def fn_98(x):
    return x + 98
def fn_99(x):
    return x + 99
def fn_100(x):
    return x + 100
def fn_101(x):
    return x + 101
def fn_102(x):
    return x + 102
def fn_103(x):
    return x + 103
def fn_104(x):
    return x + 104
def fn_105(x):
    return x + 105
def fn_106(x):
    return x + 106
def fn_107(x):
    return x + 107
def fn_108(x):
    return x + 108
def fn_109(x):
    return x + 109
def fn_110(x):
    return x + 110
def fn_111(x):
    return x + 111
def fn_112(x):
    return x + 112
def fn_113(x):
    return x + 113
def fn_114(x):
    return x + 114
def fn_115(x):
    return x + 115
def fn_116(x):
    return x + 116
def fn_117(x):
    return x + 117
def fn_118(x):
    return x + 118
def fn_119(x):
    return x + 119
def fn_120(x):
    return x + 120
def fn_121(x):
    return x + 121
def fn_122(x):
    return x + 122
def fn_123(x):
    return x + 123
def fn_124(x):
    return x + 124
def fn_125(x):
    return x + 125
def fn_126(x):
    return x + 126
def fn_127(x):
    return x + 127
def fn_128(x):
    return x + 128
def fn_129(x):
    return x + 129
def fn_130(x):
    return x + 130
def fn_131(x):
    return x + 131
def fn_132(x):
    return x + 132
def fn_133(x):
    return x + 133
def fn_134(x):
    return x + 134
def fn_135(x):
    return x + 135
def fn_136(x):
    return x + 136
def fn_137(x):
    return x + 137
def fn_138(x):
    return x + 138
def fn_139(x):
    return x + 139
def fn_140(x):
    return x + 140
def fn_141(x):
    return x + 141
def fn_142(x):
    return x + 142
def fn_143(x):
    return x + 143
def fn_144(x):
    return x + 144
def fn_145(x):
    return x + 145
def fn_146(x):
    return x + 146
def fn_147(x):
    return x + 147
def fn_148(x):
    return x + 148
def fn_149(x):
    return x + 149
lams = [lambda y: y * 0, lambda y: y * 1, lambda y: y * 2, lambda y: y * 3, lambda y: y * 4, lambda y: y * 5, lambda y: y * 6, lambda y: y * 7, lambda y: y * 8, lambda y: y * 9, lambda y: y * 10, lambda y: y * 11, lambda y: y * 12, lambda y: y * 13, lambda y: y * 14, lambda y: y * 15, lambda y: y * 16, lambda y: y * 17, lambda y: y * 18, lambda y: y * 19, lambda y: y * 20, lambda y: y * 21, lambda y: y * 22, lambda y: y * 23, lambda y: y * 24, lambda y: y * 25, lambda y: y * 26, lambda y: y * 27, lambda y: y * 28, lambda y: y * 29, lambda y: y * 30, lambda y: y * 31, lambda y: y * 32, lambda y: y * 33, lambda y: y * 34, lambda y: y * 35, lambda y: y * 36, lambda y: y * 37, lambda y: y * 38, lambda y: y * 39, lambda y: y * 40, lambda y: y * 41, lambda y: y * 42, lambda y: y * 43, lambda y: y * 44, lambda y: y * 45, lambda y: y * 46, lambda y: y * 47, lambda y: y * 48, lambda y: y * 49, lambda y: y * 50, lambda y: y * 51, lambda y: y * 52, lambda y: y * 53, lambda y: y * 54, lambda y: y * 55, lambda y: y * 56, lambda y: y * 57, lambda y: y * 58, lambda y: y * 59, lambda y: y * 60, lambda y: y * 61, lambda y: y * 62, lambda y: y * 63, lambda y: y * 64, lambda y: y * 65, lambda y: y * 66, lambda y: y * 67, lambda y: y * 68, lambda y: y * 69, lambda y: y * 70, lambda y: y * 71, lambda y: y * 72, lambda y: y * 73, lambda y: y * 74, lambda y: y * 75, lambda y: y * 76, lambda y: y * 77, lambda y: y * 78, lambda y: y * 79, lambda y: y * 80, lambda y: y * 81, lambda y: y * 82, lambda y: y * 83, lambda y: y * 84, lambda y: y * 85, lambda y: y * 86, lambda y: y * 87, lambda y: y * 88, lambda y: y * 89, lambda y: y * 90, lambda y: y * 91, lambda y: y * 92, lambda y: y * 93, lambda y: y * 94, lambda y: y * 95, lambda y: y * 96, lambda y: y * 97, lambda y: y * 98, lambda y: y * 99, lambda y: y * 100, lambda y: y * 101, lambda y: y * 102, lambda y: y * 103, lambda y: y * 104, lambda y: y * 105, lambda y: y * 106, lambda y: y * 107, lambda y: y * 108, lambda y: y * 109, lambda y: y * 110, lambda y: y * 111, lambda y: y * 112, lambda y: y * 113, lambda y: y * 114, lambda y: y * 115, lambda y: y * 116, lambda y: y * 117, lambda y: y * 118, lambda y: y * 119]
class C0:
    k = 0
    def m(self):
        return self.k * 2
class C1:
    k = 1
    def m(self):
        return self.k * 2
class C2:
    k = 2
    def m(self):
        return self.k * 2
class C3:
    k = 3
    def m(self):
        return self.k * 2
class C4:
    k = 4
    def m(self):
        return self.k * 2
class C5:
    k = 5
    def m(self):
        return self.k * 2
class C6:
    k = 6
    def m(self):
        return self.k * 2
class C7:
    k = 7
    def m(self):
        return self.k * 2
class C8:
    k = 8
    def m(self):
        return self.k * 2
class C9:
    k = 9
    def m(self):
        return self.k * 2
class C10:
    k = 10
    def m(self):
        return self.k * 2
class C11:
    k = 11
    def m(self):
        return self.k * 2
class C12:
    k = 12
    def m(self):
        return self.k * 2
class C13:
    k = 13
    def m(self):
        return self.k * 2
class C14:
    k = 14
    def m(self):
        return self.k * 2
class C15:
    k = 15
    def m(self):
        return self.k * 2
class C16:
    k = 16
    def m(self):
        return self.k * 2
class C17:
    k = 17
    def m(self):
        return self.k * 2
class C18:
    k = 18
    def m(self):
        return self.k * 2
class C19:
    k = 19
    def m(self):
        return self.k * 2
class C20:
    k = 20
    def m(self):
        return self.k * 2
class C21:
    k = 21
    def m(self):
        return self.k * 2
class C22:
    k = 22
    def m(self):
        return self.k * 2
class C23:
    k = 23
    def m(self):
        return self.k * 2
class C24:
    k = 24
    def m(self):
        return self.k * 2
class C25:
    k = 25
    def m(self):
        return self.k * 2
class C26:
    k = 26
    def m(self):
        return self.k * 2
class C27:
    k = 27
    def m(self):
        return self.k * 2
class C28:
    k = 28
    def m(self):
        return self.k * 2
class C29:
    k = 29
    def m(self):
        return self.k * 2
class C30:
    k = 30
    def m(self):
        return self.k * 2
class C31:
    k = 31
    def m(self):
        return self.k * 2
class C32:
    k = 32
    def m(self):
        return self.k * 2
class C33:
    k = 33
    def m(self):
        return self.k * 2
class C34:
    k = 34
    def m(self):
        return self.k * 2
class C35:
    k = 35
    def m(self):
        return self.k * 2
class C36:
    k = 36
    def m(self):
        return self.k * 2
class C37:
    k = 37
    def m(self):
        return self.k * 2
class C38:
    k = 38
    def m(self):
        return self.k * 2
class C39:
    k = 39
    def m(self):
        return self.k * 2
print(fn_0(1), fn_149(1), sum(globals()["fn_%d" % i](i) for i in range(150)))
print(len(lams), lams[0](5), lams[119](2), sum(l(1) for l in lams))
print(C0().m(), C39().m(), sum(globals()["C%d" % i]().m() for i in range(40)))
